'use client';

import { Breadcrumb, BreadcrumbItem, Label, Tab, Tabs, TabTitleText } from '@patternfly/react-core';
import { useQuery, useQueryClient } from '@tanstack/react-query';
import Link from 'next/link';
import { useRouter } from 'next/navigation';
import { useState } from 'react';
import { useDraft } from '@/components/editors/useDraft';
import { YamlEditor } from '@/components/editors/YamlEditor';
import { PageFrame } from '@/components/shell/PageFrame';
import { EmptyView, ErrorView, LoadingState } from '@/components/shell/states';
import { useToast } from '@/components/shell/Toasts';
import type { ObjectRef, OperationResult } from '@/lib/istio-config/api';
import { arrAt, diffYaml, hostsOf, isObj, patchYamlText, str, stripServerFields, toYaml } from '@/lib/istio/forms';
import { getObject, objectKey } from './api';
import { useSession } from '@/components/shell/useSession';
import { FindingCounts, FindingsList } from './FindingsList';
import { HistoryList } from './HistoryList';
import { ObjectWorkspace } from './ObjectWorkspace';
import { useServiceVersions } from './useServiceVersions';

type PageTab = 'edit' | 'yaml' | 'history';

/** One Istio object: edit (form / YAML, review and apply), its live YAML, and its history with revert. */
export function ObjectPage({ objRef }: { objRef: ObjectRef }) {
  const [tab, setTab] = useState<PageTab>('edit');
  // Polling pauses while a review/apply dialog is open: what is reviewed stays what is shown.
  const [dialog, setDialog] = useState(false);
  const client = useQueryClient();
  const router = useRouter();
  const toast = useToast();
  const session = useSession();
  const key = objectKey(objRef);
  const item = useQuery({ queryKey: key, queryFn: () => getObject(objRef), refetchInterval: dialog ? false : 15_000 });
  const { draft, loaded, save } = useDraft(`${objRef.cluster}/${objRef.namespace}/${objRef.kind}/${objRef.name}`);
  const live = item.data ?? null;
  const host = live ? (hostsOf(live.object)[0] ?? str(arrAt(live.object, 'spec', 'hosts')[0])) : undefined;
  const { versions } = useServiceVersions(objRef.cluster, objRef.namespace, host);
  const readOnly = session.data?.readOnly ?? false;
  const title = `${objRef.kind} ${objRef.namespace}/${objRef.name}`;

  const onApplied = (rows: OperationResult[]) => {
    // The apply's own answer is the object now (the apply marked the config queries stale; the next poll reloads).
    const mine = rows.find((r) => r.cluster === objRef.cluster);
    if (mine?.ok && mine.object && mine.resourceVersion && live) {
      client.setQueryData(key, { ...live, resourceVersion: mine.resourceVersion, object: mine.object });
    }
    const failed = rows.filter((r) => !r.ok).map((r) => r.cluster);
    toast({ variant: failed.length ? 'warning' : 'success', title: failed.length ? `Applied, except on ${failed.join(', ')}` : `Applied to ${rows.map((r) => r.cluster).join(', ')}` });
  };

  const breadcrumb = (
    <Breadcrumb style={{ marginBottom: 8 }}>
      <BreadcrumbItem render={() => <Link href="/istio">Istio Config</Link>} />
      <BreadcrumbItem isActive>{objRef.name}</BreadcrumbItem>
    </Breadcrumb>
  );
  if (item.isLoading || !loaded) return <PageFrame title={title}>{breadcrumb}<LoadingState what={title} /></PageFrame>;
  if (item.error) return <PageFrame title={title}>{breadcrumb}<ErrorView what={title} error={item.error} onRetry={() => void item.refetch()} /></PageFrame>;
  if (!live) {
    const q = new URLSearchParams({ kind: objRef.kind, cluster: objRef.cluster, namespace: objRef.namespace });
    return (
      <PageFrame title={title}>
        {breadcrumb}
        <EmptyView title={`${title} does not exist in ${objRef.cluster}`} action={readOnly ? undefined : <Link href={`/istio/new?${q.toString()}`}>Create one</Link>}>
          It may have been deleted.
        </EmptyView>
      </PageFrame>
    );
  }
  const pristine = diffYaml(live.object);
  return (
    <PageFrame
      title={title}
      description={
        <>
          Cluster <Label isCompact>{objRef.cluster}</Label> · resourceVersion {live.resourceVersion} · findings <FindingCounts findings={live.findings} />
        </>
      }
    >
      {breadcrumb}
      {live.findings.length > 0 && <FindingsList findings={live.findings} empty="" testId="object-findings" />}
      <Tabs activeKey={tab} onSelect={(_e, k) => setTab(k === 'yaml' || k === 'history' ? k : 'edit')} aria-label="Object" mountOnEnter unmountOnExit>
        <Tab eventKey="edit" title={<TabTitleText>{readOnly ? 'View' : 'Edit'}</TabTitleText>}>
          <div style={{ paddingTop: 16 }}>
            <ObjectWorkspace
              objRef={objRef}
              live={live}
              pristineText={pristine}
              draft={draft}
              saveDraft={save}
              readOnly={readOnly}
              token={session.data?.token}
              versions={versions}
              onApplied={onApplied}
              onDialog={setDialog}
              onDeleted={() => {
                toast({ variant: 'success', title: `Deleted ${title} from ${objRef.cluster}` });
                router.push('/istio');
              }}
            />
          </div>
        </Tab>
        <Tab eventKey="yaml" title={<TabTitleText>Live YAML</TabTitleText>}>
          <div style={{ paddingTop: 16 }}>
            <YamlEditor value={toYaml({ ...live.object, metadata: isObj(live.object.metadata) ? { ...live.object.metadata, managedFields: undefined } : live.object.metadata })} readOnly label={`Live YAML of ${title}`} />
          </div>
        </Tab>
        <Tab eventKey="history" title={<TabTitleText>History</TabTitleText>}>
          <div style={{ paddingTop: 16 }}>
            <HistoryList
              objRef={objRef}
              {...(readOnly
                ? {}
                : {
                    onRevert: (entry) => {
                      const next = { ...stripServerFields(live.object), spec: entry.previousSpec };
                      save({ text: patchYamlText(draft?.text ?? pristine, next), baseResourceVersion: live.resourceVersion, revert: true, savedAt: Date.now() });
                      setTab('edit');
                      toast({ variant: 'info', title: 'The spec before that change is in the editor', body: 'Review and apply it like any edit.' });
                    },
                  })}
            />
          </div>
        </Tab>
      </Tabs>
    </PageFrame>
  );
}
