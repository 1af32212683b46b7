import { ConfigList } from '@/components/istio-config/ConfigList';

export default function IstioConfigPage() {
  return <ConfigList />;
}
