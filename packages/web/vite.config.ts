import { defineConfig } from 'vite';
import react from '@vitejs/plugin-react';

// SECURITY: production runs under a strict CSP (script-src 'self'), so the build must emit no
// inline scripts; Vite's module preload polyfill is an inline-free external chunk by default.
export default defineConfig({
  plugins: [react()],
  build: {
    outDir: 'dist',
    emptyOutDir: true,
    sourcemap: false,
    // Keep every asset as a file: data: URIs for scripts would be blocked by the CSP.
    assetsInlineLimit: 0,
  },
  server: {
    port: 5173,
    proxy: {
      '/api': { target: 'http://127.0.0.1:8080', changeOrigin: false },
    },
  },
  preview: {
    proxy: {
      '/api': { target: 'http://127.0.0.1:8080', changeOrigin: false },
    },
  },
});
