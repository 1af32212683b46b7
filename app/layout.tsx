import '@patternfly/patternfly/patternfly.css';
import '@patternfly/patternfly/patternfly-addons.css';
import './globals.css';
import type { Metadata, Viewport } from 'next';
import { Suspense, type ReactNode } from 'react';
import { AppShell } from '@/components/shell/AppShell';
import { Providers } from '@/components/shell/Providers';
import { themeBootScript } from '@/components/shell/theme-script';

// public/: the icon (SVG, and PNGs rendered from it by scripts/make-icons.mjs) and the web manifest.
export const metadata: Metadata = {
  title: 'Meridian',
  description: 'Console for service meshes that span several Kubernetes clusters',
  manifest: '/manifest.webmanifest',
  icons: {
    icon: [{ url: '/icon.svg', type: 'image/svg+xml' }, { url: '/icon-192.png', sizes: '192x192', type: 'image/png' }],
    apple: [{ url: '/icon-192.png', sizes: '192x192' }],
  },
};

export const viewport: Viewport = { themeColor: '#0066cc' };

export default function RootLayout({ children }: { children: ReactNode }) {
  return (
    <html lang="en" suppressHydrationWarning>
      <head>
        <script dangerouslySetInnerHTML={{ __html: themeBootScript }} />
      </head>
      <body>
        <Providers>
          <Suspense>
            <AppShell>{children}</AppShell>
          </Suspense>
        </Providers>
      </body>
    </html>
  );
}
