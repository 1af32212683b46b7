import { NewObjectPage } from '@/components/istio-config/NewObjectPage';

export default function NewIstioObjectPage() {
  return <NewObjectPage />;
}
