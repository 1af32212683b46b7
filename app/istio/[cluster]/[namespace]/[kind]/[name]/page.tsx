import { notFound } from 'next/navigation';
import { ObjectPage } from '@/components/istio-config/ObjectPage';
import { objectRefSchema } from '@/lib/istio-config/api';

export default async function IstioObjectPage({ params }: { params: Promise<{ cluster: string; namespace: string; kind: string; name: string }> }) {
  const raw = await params;
  const ref = objectRefSchema.safeParse({
    cluster: decodeURIComponent(raw.cluster),
    namespace: decodeURIComponent(raw.namespace),
    kind: decodeURIComponent(raw.kind),
    name: decodeURIComponent(raw.name),
  });
  if (!ref.success) notFound();
  return <ObjectPage objRef={ref.data} />;
}
