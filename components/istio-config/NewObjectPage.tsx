'use client';

import { Alert, Form, FormGroup, FormSelect, FormSelectOption, Grid, GridItem, TextInput } from '@patternfly/react-core';
import Link from 'next/link';
import { useRouter, useSearchParams } from 'next/navigation';
import { useDraft } from '@/components/editors/useDraft';
import { PageFrame } from '@/components/shell/PageFrame';
import { useClusters } from '@/components/shell/ScopeSelectors';
import { LoadingState } from '@/components/shell/states';
import { useScope } from '@/components/shell/useScope';
import { ISTIO_KINDS, isIstioKindName } from '@/lib/istio';
import { newObject, toYaml } from '@/lib/istio/forms';
import { isDns1123Label } from '@/lib/k8s/meta';
import type { ObjectRef, OperationResult } from '@/lib/istio-config/api';
import { objectPageUrl } from './api';
import { useSession } from '@/components/shell/useSession';
import { CREATABLE_KINDS } from './CreateMenu';
import { ObjectWorkspace } from './ObjectWorkspace';
import { useServiceVersions } from './useServiceVersions';

/** A new Istio object: blank, or routing for a service (/istio/new?kind=&cluster=&namespace=&service=). */
export function NewObjectPage() {
  const params = useSearchParams();
  const scope = useScope();
  const router = useRouter();
  const session = useSession();
  const clusters = useClusters();
  const kindParam = params.get('kind') ?? 'VirtualService';
  const kind = isIstioKindName(kindParam) && !ISTIO_KINDS[kindParam].readOnly ? kindParam : 'VirtualService';
  const cluster = params.get('cluster') ?? '';
  const namespace = params.get('namespace') ?? '';
  const service = params.get('service') ?? undefined;
  const ready = cluster !== '' && isDns1123Label(namespace);
  const { versions, isLoading } = useServiceVersions(cluster, namespace, ready ? service : undefined);
  const draftKey = `new:${cluster}/${namespace}/${kind}/${service ?? ''}`;
  const { draft, loaded, save } = useDraft(draftKey);
  const template = toYaml(newObject({ kind, namespace: namespace || 'default', ...(service ? { service, versions } : {}) }));
  const readOnly = session.data?.readOnly ?? false;

  const onApplied = (rows: OperationResult[], ref: ObjectRef) => {
    if (rows.every((r) => r.ok)) router.push(objectPageUrl(ref));
  };

  return (
    <PageFrame title={`New ${kind}`} description={service ? `Routing for service ${service} (hosts and subsets prefilled from its pods' versions).` : 'Start from a template; the same checks, dry-run and diff run before anything is created.'}>
      <Form onSubmit={(e) => e.preventDefault()} style={{ marginBottom: 16 }}>
        <Grid hasGutter md={3}>
          <GridItem>
            <FormGroup label="Kind" fieldId="new-kind">
              <FormSelect id="new-kind" value={kind} onChange={(_e, v) => scope.setParam('kind', v)}>
                {CREATABLE_KINDS.map((k) => <FormSelectOption key={k} value={k} label={k} />)}
              </FormSelect>
            </FormGroup>
          </GridItem>
          <GridItem>
            <FormGroup label="Cluster" fieldId="new-cluster">
              <FormSelect id="new-cluster" value={cluster} onChange={(_e, v) => scope.setParam('cluster', v)}>
                <FormSelectOption value="" label="Choose a cluster" isDisabled />
                {(clusters.data?.items ?? []).map((c) => <FormSelectOption key={c.name} value={c.name} label={c.name} />)}
              </FormSelect>
            </FormGroup>
          </GridItem>
          <GridItem>
            <FormGroup label="Namespace" fieldId="new-namespace">
              <TextInput id="new-namespace" value={namespace} onChange={(_e, v) => scope.setParam('namespace', v)} validated={namespace && !isDns1123Label(namespace) ? 'error' : 'default'} />
            </FormGroup>
          </GridItem>
        </Grid>
      </Form>
      {ready && kind === 'VirtualService' && service && versions.length > 0 && (
        <Alert isInline variant="info" title={`Routes to subsets ${versions.join(', ')} of ${service}`} style={{ marginBottom: 16 }}>
          Subsets are defined by a DestinationRule.{' '}
          <Link href={`/istio/new?${new URLSearchParams({ kind: 'DestinationRule', cluster, namespace, service }).toString()}`}>Create the DestinationRule for {service}</Link> (subsets from its pods&apos; version labels) if it has none.
        </Alert>
      )}
      {!ready ? (
        <Alert isInline variant="info" title="Choose the cluster and namespace of the new object" />
      ) : !loaded || (service && isLoading) ? (
        <LoadingState what="the template" />
      ) : (
        <ObjectWorkspace
          key={draftKey}
          objRef={{ cluster, namespace, kind, name: service ?? 'new' }}
          live={null}
          pristineText={template}
          draft={draft}
          saveDraft={save}
          readOnly={readOnly}
          token={session.data?.token}
          versions={versions}
          onApplied={onApplied}
        />
      )}
    </PageFrame>
  );
}
