import { PendingView } from '@/components/shell/PendingView';

export default function ServicesPage() {
  return <PendingView title="Services" what="Services of every selected cluster will be listed here." />;
}
