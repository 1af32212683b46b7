'use client';

import { Card, CardBody, CardHeader, CardTitle, DescriptionList, DescriptionListDescription, DescriptionListGroup, DescriptionListTerm, Gallery, Label, LabelGroup } from '@patternfly/react-core';
import { CheckCircleIcon, ExclamationCircleIcon, ExclamationTriangleIcon } from '@patternfly/react-icons';
import { useEffect, useRef, useState, type ReactNode } from 'react';
import { TelemetryLabel } from '@/components/clusters/TelemetryLabel';
import type { ClusterCard as Card_ } from '@/lib/mesh';
import { telemetryProblem } from '@/lib/telemetry';

const DAY_MS = 86_400_000;

function Item({ term, children }: { term: string; children: ReactNode }) {
  return (
    <DescriptionListGroup>
      <DescriptionListTerm>{term}</DescriptionListTerm>
      <DescriptionListDescription>{children}</DescriptionListDescription>
    </DescriptionListGroup>
  );
}

function CertExpiry({ iso }: { iso: string }) {
  const [now] = useState(() => Date.now());
  const days = (Date.parse(iso) - now) / DAY_MS;
  const color = days < 1 ? 'red' : days < 7 ? 'orange' : 'green';
  return (
    <Label color={color} title={iso} icon={days < 7 ? <ExclamationTriangleIcon /> : undefined}>
      {days < 0 ? 'expired' : `in ${days < 2 ? `${Math.round(days * 24)} h` : `${Math.round(days)} days`}`} ({iso.slice(0, 10)})
    </Label>
  );
}

function SyncFigures({ card, proxy }: { card: Card_; proxy?: string }) {
  if (!card.sync) return <span className="meridian-muted">{card.syncError ?? 'unknown'}</span>;
  const s = card.sync;
  return (
    <>
      <LabelGroup numLabels={3}>
        <Label color="green">{s.synced} synced</Label>
        <Label color={s.stale ? 'orange' : 'grey'}>{s.stale} stale</Label>
        <Label color={s.notSent ? 'red' : 'grey'}>{s.notSent} not sent</Label>
      </LabelGroup>
      {s.unsynced.length > 0 && (
        <ul style={{ marginTop: 4, fontSize: 'var(--pf-t--global--font--size--sm)' }} aria-label={`Unsynced proxies of ${card.name}`}>
          {s.unsynced.slice(0, 8).map((u) => (
            <li key={u.proxy} style={u.proxy === proxy ? { fontWeight: 'bold' } : undefined} data-selected={u.proxy === proxy || undefined}>
              {u.proxy}: {u.state === 'stale' ? 'stale' : 'not sent'}
            </li>
          ))}
          {s.unsynced.length > 8 && <li>… and {s.unsynced.length - 8} more</li>}
        </ul>
      )}
    </>
  );
}

/** Cloud Service Mesh: the managed revisions, their channel and conditions, instead of istiod's figures. */
function ManagedControlPlane({ cp }: { cp: NonNullable<Card_['managedControlPlane']> }) {
  return (
    <div data-testid="managed-control-plane">
      {cp.revisions.map((r) => (
        <div key={r.name} style={{ marginBottom: 4 }}>
          <Label color="blue" isCompact>
            managed control plane
          </Label>{' '}
          <strong>{r.name}</strong>
          {r.channel && <> · channel {r.channel}</>}
          {r.type && <span className="meridian-muted"> ({r.type})</span>}
          {r.conditions.length > 0 && (
            <LabelGroup numLabels={4} style={{ marginTop: 2 }}>
              {r.conditions.map((c) => {
                const bad = c.type === 'Stalled' ? c.status === 'True' : c.status !== 'True';
                return (
                  <Label key={c.type} isCompact color={bad ? 'red' : 'green'} title={[c.reason, c.message].filter(Boolean).join(': ')}>
                    {c.type}: {c.status}
                  </Label>
                );
              })}
            </LabelGroup>
          )}
        </div>
      ))}
      {cp.namespaces.length > 0 && <div className="meridian-muted">injects {cp.namespaces.join(', ')}</div>}
    </div>
  );
}

function ClusterCard({ card, selected, proxy }: { card: Card_; selected: boolean; proxy?: string }) {
  const ref = useRef<HTMLDivElement>(null);
  useEffect(() => {
    if (selected) ref.current?.scrollIntoView({ block: 'nearest' });
  }, [selected]);
  return (
    <Card ref={ref} isSelected={selected} isSelectable={false} data-testid={`cluster-card-${card.name}`} style={selected ? { outline: '2px solid var(--pf-t--global--border--color--clicked)' } : undefined}>
      <CardHeader>
        <CardTitle>
          {card.name}{' '}
          {card.reachable ? (
            <Label color="green" icon={<CheckCircleIcon />}>
              reachable
            </Label>
          ) : (
            <Label color="red" icon={<ExclamationCircleIcon />} title={card.error}>
              unreachable
            </Label>
          )}
        </CardTitle>
      </CardHeader>
      <CardBody>
        {!card.reachable && card.error && <p className="meridian-muted">{card.error}</p>}
        <DescriptionList isCompact isHorizontal>
          <Item term="Kubernetes">{card.kubernetesVersion ?? '—'}</Item>
          {card.managedControlPlane ? (
            <Item term="Control plane">
              <ManagedControlPlane cp={card.managedControlPlane} />
            </Item>
          ) : (
            <Item term="istiod">{card.istiod ? `${card.istiod.revision ?? 'default'} · ${card.istiod.version ?? 'unknown version'}` : card.servedBy && card.servedBy !== card.name ? `none (served by ${card.servedBy})` : 'none'}</Item>
          )}
          <Item term="Served by">{card.managedControlPlane ? 'Google (Traffic Director)' : (card.servedBy ?? 'unknown')}</Item>
          <Item term="Mesh id">{card.meshId ?? '—'}</Item>
          <Item term="Network">{card.network ?? '—'}</Item>
          <Item term="Proxies">{card.sync ? `${card.sync.proxies}` : '—'}</Item>
          <Item term="Sync (syncz)">
            {card.managedControlPlane ? <span className="meridian-muted" data-testid="managed-note">{card.managedControlPlane.note}</span> : <SyncFigures card={card} proxy={proxy} />}
          </Item>
          <Item term="Root cert">{card.rootCertExpiry ? <CertExpiry iso={card.rootCertExpiry} /> : <span className="meridian-muted">{card.managedControlPlane ? 'managed by Google' : (card.certError ?? '—')}</span>}</Item>
          <Item term="Telemetry">
            {card.telemetry ? (
              <>
                <TelemetryLabel telemetry={card.telemetry} testId={`telemetry-${card.name}`} />
                {telemetryProblem(card.telemetry) && <p className="meridian-muted">{card.telemetry.reason}</p>}
              </>
            ) : (
              '—'
            )}
          </Item>
          <Item term="East-west gateway">{card.eastWestGateway ?? '—'}</Item>
          <Item term="Remote secrets">
            {card.remoteSecrets.length ? (
              <LabelGroup numLabels={5}>
                {card.remoteSecrets.map((r) => (
                  <Label key={r.cluster} color={r.syncStatus === 'synced' ? 'green' : r.syncStatus ? 'red' : 'grey'} title={r.secretName}>
                    {r.cluster}: {r.syncStatus ?? 'unknown'}
                  </Label>
                ))}
              </LabelGroup>
            ) : (
              'none'
            )}
          </Item>
        </DescriptionList>
      </CardBody>
    </Card>
  );
}

/** A card per cluster; the URL's `cluster` is outlined and scrolled to, its `proxy` emphasised. */
export function ClusterCards({ cards, selected, proxy }: { cards: Card_[]; selected?: string; proxy?: string }) {
  return (
    <Gallery hasGutter minWidths={{ default: '360px' }}>
      {cards.map((c) => (
        <ClusterCard key={c.name} card={c} selected={c.name === selected} proxy={proxy} />
      ))}
    </Gallery>
  );
}
