import { PendingView } from '@/components/shell/PendingView';

export default function MeshClustersPage() {
  return <PendingView title="Mesh & Clusters" what="Control planes, multi-cluster services and the cross-cluster matrix will be shown here." />;
}
