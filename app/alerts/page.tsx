import { PendingView } from '@/components/shell/PendingView';

export default function AlertsPage() {
  return <PendingView title="Alerts" what="Firing alerts of every cluster will be listed here." />;
}
