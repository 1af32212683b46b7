import 'server-only';
import { createServer as createHttpServer } from 'node:http';
import { createServer as createHttpsServer } from 'node:https';
import { createServer as createNetServer, type Server, type Socket } from 'node:net';
import type { IncomingMessage, ServerResponse } from 'node:http';
import type { DemoClusterName } from '../types';
import { selfSignedCertificate, type ServingCertificate } from './certificate';
import { RbacAuthorizer } from './rbac/authorizer';
import { reconcileBootstrapPolicy } from './rbac/bootstrap';
import { createOidcAuthenticator, type OidcOptions } from './rbac/oidc';
import { handleRequest } from './router';
import type { ClusterStore } from './store';
import { defaultMeshValidator, type MeshValidator } from './validation';

// The Kubernetes API of one simulated cluster on its own loopback port. The port speaks plain http
// and, for kubectl, https too (the first byte of a connection tells which): client-go sends bearer
// tokens only over TLS, so kubectl's kubeconfig says https://127.0.0.1:<port> with
// insecure-skip-tls-verify. stop() closes the listener and every open connection, watches included,
// so that clients see the cluster gone (connection refused) until start() again.
// Creating the server reconciles the bootstrap RBAC policy into the store (rbac/bootstrap.ts), as
// kube-apiserver does at start; requests are authorized by the RBAC objects of the store.

export interface KubeApiServerOptions {
  cluster: DemoClusterName;
  store: ClusterStore;
  /** 0 picks a free port; `url` tells which after start(). */
  port: number;
  host?: string;
  /** The Istio/MCS validator (default: validateIstioObject of lib/istio/validate). */
  validateMeshObject?: MeshValidator;
  /** BOOKMARK interval for watches that allow bookmarks (default 5 s). */
  bookmarkIntervalMs?: number;
  /** How long a watch without timeoutSeconds stays open (default 30 min). */
  watchTimeoutMs?: number;
  /** The TLS certificate of the https side (default: a fresh self-signed one). */
  tls?: ServingCertificate;
  /** Accept ID tokens of this OpenID issuer (kube-apiserver's --oidc-* flags); default: static tokens only. */
  oidc?: OidcOptions;
}

export interface KubeApiServer {
  readonly cluster: DemoClusterName;
  /** http://127.0.0.1:<port> (the bound port once started). */
  readonly url: string;
  /** https://127.0.0.1:<port>: the same API over TLS (self-signed), for kubectl. */
  readonly httpsUrl: string;
  start(): Promise<void>;
  stop(): Promise<void>;
  isListening(): boolean;
}

export function createKubeApiServer(options: KubeApiServerOptions): KubeApiServer {
  const host = options.host ?? '127.0.0.1';
  let port = options.port;
  let server: Server | undefined;
  const sockets = new Set<Socket>();
  reconcileBootstrapPolicy(options.store);
  const routerOptions = {
    store: options.store,
    rbac: new RbacAuthorizer(options.store),
    ...(options.oidc ? { oidc: createOidcAuthenticator(options.oidc) } : {}),
    mesh: options.validateMeshObject ?? defaultMeshValidator,
    watch: { bookmarkIntervalMs: options.bookmarkIntervalMs ?? 5000, defaultTimeoutMs: options.watchTimeoutMs ?? 30 * 60_000 },
  };
  const handler = (req: IncomingMessage, res: ServerResponse) => void handleRequest(req, res, routerOptions);
  const plain = createHttpServer(handler);
  const secure = createHttpsServer(options.tls ?? selfSignedCertificate(), handler);

  /** Hand a new connection to the https or the http side by its first byte (0x16: a TLS handshake). */
  const dispatch = (socket: Socket) => {
    sockets.add(socket);
    socket.on('close', () => sockets.delete(socket));
    socket.on('error', () => socket.destroy());
    socket.once('data', (first: Buffer) => {
      socket.pause();
      socket.unshift(first);
      (first[0] === 0x16 ? secure : plain).emit('connection', socket);
      process.nextTick(() => socket.resume());
    });
  };

  return {
    cluster: options.cluster,
    get url() {
      return `http://${host}:${port}`;
    },
    get httpsUrl() {
      return `https://${host}:${port}`;
    },
    isListening: () => server?.listening ?? false,
    async start() {
      if (server?.listening) return;
      const s = createNetServer(dispatch);
      await new Promise<void>((resolve, reject) => {
        s.once('error', reject);
        s.listen(port, host, () => {
          s.off('error', reject);
          resolve();
        });
      });
      const address = s.address();
      if (address && typeof address === 'object') port = address.port;
      server = s;
    },
    async stop() {
      const s = server;
      server = undefined;
      if (!s) return;
      const closed = new Promise<void>((resolve) => s.close(() => resolve()));
      for (const socket of sockets) socket.destroy();
      sockets.clear();
      await closed;
    },
  };
}
