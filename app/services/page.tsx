import { ServicesView } from '@/components/services/ServicesView';

export default function ServicesPage() {
  return <ServicesView />;
}
