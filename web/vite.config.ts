import { fileURLToPath, URL } from 'node:url'
import { defineConfig } from 'vitest/config'
import vue from '@vitejs/plugin-vue'

// The server serves web/dist itself (Infrastructure/WebApp.cs), so one process serves the UI and the API.
export default defineConfig({
  plugins: [vue()],
  resolve: { alias: { '@': fileURLToPath(new URL('./src', import.meta.url)) } },
  build: {
    outDir: fileURLToPath(new URL('./dist', import.meta.url)),
    emptyOutDir: true,
    chunkSizeWarningLimit: 1500,
  },
  server: { proxy: { '/api': 'http://127.0.0.1:5000', '/openapi': 'http://127.0.0.1:5000' } },
  test: { environment: 'node', include: ['src/**/*.test.ts'] },
})
