import { PendingView } from '@/components/shell/PendingView';

export default function GraphPage() {
  return <PendingView title="Graph" what="The topology graph of every selected cluster will be drawn here." />;
}
