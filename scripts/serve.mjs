// `npm start`: serves the built app from dist/ on a fixed local port and prints its URL.
import { preview } from 'vite';

const server = await preview({ preview: { host: '127.0.0.1', port: 4173, strictPort: true, open: false } });
const url = server.resolvedUrls?.local[0] ?? 'http://127.0.0.1:4173/';
console.log(`Kafka Stage is running at ${url}  (Ctrl+C to stop)`);
