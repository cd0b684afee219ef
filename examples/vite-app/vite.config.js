import { defineConfig } from 'vite';
import react from '@vitejs/plugin-react';

// TF.js and face-api make a chunk of about 1.2 MB minified: expected for an ML app, not a warning.
export default defineConfig({ plugins: [react()], base: './', build: { chunkSizeWarningLimit: 1500 } });
