import { dirname } from 'node:path';
import { fileURLToPath } from 'node:url';

// The bench build (npm run bench:ui sets MERIDIAN_BENCH_BUILD=1) also routes app/**/page.bench.tsx:
// /bench/graph exists there and nowhere else; a production build answers 404 for it.
const benchBuild = process.env.MERIDIAN_BENCH_BUILD === '1';

/** @type {import('next').NextConfig} */
const nextConfig = {
  reactStrictMode: true,
  pageExtensions: benchBuild ? ['bench.tsx', 'tsx', 'ts', 'jsx', 'js'] : ['tsx', 'ts', 'jsx', 'js'],
  // Several stacks can run side by side (e.g. one per developer task) with their own build dir.
  distDir: process.env.NEXT_DIST_DIR || '.next',
  // The production server: `npm run build` leaves a self-contained server in <distDir>/standalone
  // (only the traced node_modules), which scripts/lib/build.mjs completes with the static files and
  // the entry start.mjs (scripts/production-server.mjs). The container image runs exactly that.
  output: 'standalone',
  // Trace from this checkout, not from a parent folder that happens to hold another lockfile.
  outputFileTracingRoot: dirname(fileURLToPath(import.meta.url)),
  poweredByHeader: false,
  // The console draws no raster images: no image optimizer, so the server needs no sharp/libvips
  // (about 20 MB of the standalone output and of the image).
  images: { unoptimized: true },
  outputFileTracingExcludes: { '*': ['node_modules/sharp/**', 'node_modules/@img/**'] },
  // `npm test` type-checks the whole project as its own suite (tsc --noEmit); the build need not repeat it.
  typescript: { ignoreBuildErrors: true },
  // Node-only libraries stay external to the server bundle (they read files, open sockets).
  serverExternalPackages: ['@kubernetes/client-node', 'prom-client'],
  experimental: {
    optimizePackageImports: ['@patternfly/react-core', '@patternfly/react-icons', '@patternfly/react-table'],
  },
};

export default nextConfig;
