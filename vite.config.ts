import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { defineConfig } from 'vite';
import react from '@vitejs/plugin-react';
import { compression, defineAlgorithm } from 'vite-plugin-compression2';
import zlib from 'node:zlib';

const root = path.dirname(fileURLToPath(import.meta.url));

// The web app lives in src/web; the server serves dist/web with an SPA fallback.
export default defineConfig({
  root: path.join(root, 'src/web'),
  base: '/',
  publicDir: path.join(root, 'src/web/public'),
  plugins: [
    react(),
    // pre-compressed siblings (.br, .gz) that the server sends to browsers asking for them: compressing once at
    // build, at the highest levels, costs the server nothing per request (the district geometry is .json)
    compression({
      include: /\.(html|css|js|json|geojson|svg)$/,
      threshold: 1024,
      algorithms: [defineAlgorithm('brotliCompress', { params: { [zlib.constants.BROTLI_PARAM_QUALITY]: 11 } }), defineAlgorithm('gzip', { level: 9 })],
      logLevel: 'silent',
    }),
  ],
  server: { proxy: { '/api': 'http://127.0.0.1:3100' } },
  build: {
    outDir: path.join(root, 'dist/web'),
    emptyOutDir: true,
    // no manual chunks: Rollup splits the libraries by the lazily loaded pages that use them, so a page loads
    // the Ant Design components and the ECharts parts it uses, not the whole kits (measured in bench/first-visit.ts)
    chunkSizeWarningLimit: 1500,
  },
});
