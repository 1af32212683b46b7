/** @type {import('next').NextConfig} */
const nextConfig = {
  reactStrictMode: true,
  poweredByHeader: false,
  // Node-only libraries stay external to the server bundle (they read files, open sockets).
  serverExternalPackages: ['@kubernetes/client-node', 'prom-client'],
  experimental: {
    optimizePackageImports: ['@patternfly/react-core', '@patternfly/react-icons', '@patternfly/react-table'],
  },
};

export default nextConfig;
