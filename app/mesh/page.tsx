import { MeshView } from '@/components/mesh/MeshView';

export default function MeshClustersPage() {
  return <MeshView />;
}
