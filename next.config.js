// The bench build (npm run bench:ui sets MERIDIAN_BENCH_BUILD=1) also routes app/**/page.bench.tsx:
// /bench/graph exists there and nowhere else; a production build answers 404 for it.
const benchBuild = process.env.MERIDIAN_BENCH_BUILD === '1';

/** @type {import('next').NextConfig} */
const nextConfig = {
  reactStrictMode: true,
  pageExtensions: benchBuild ? ['bench.tsx', 'tsx', 'ts', 'jsx', 'js'] : ['tsx', 'ts', 'jsx', 'js'],
  // Several stacks can run side by side (e.g. one per developer task) with their own build dir.
  distDir: process.env.NEXT_DIST_DIR || '.next',
  poweredByHeader: false,
  // `npm test` type-checks the whole project as its own suite (tsc --noEmit); the build need not repeat it.
  typescript: { ignoreBuildErrors: true },
  // Node-only libraries stay external to the server bundle (they read files, open sockets).
  serverExternalPackages: ['@kubernetes/client-node', 'prom-client'],
  experimental: {
    optimizePackageImports: ['@patternfly/react-core', '@patternfly/react-icons', '@patternfly/react-table'],
  },
};

export default nextConfig;
