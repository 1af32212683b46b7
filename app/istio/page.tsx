import { PendingView } from '@/components/shell/PendingView';

export default function IstioConfigPage() {
  return <PendingView title="Istio Config" what="Istio objects of every selected cluster, with their validation findings, will be listed here." />;
}
