import { GraphView } from '@/components/graph/GraphView';

export default function GraphPage() {
  return <GraphView />;
}
