/** The ceiling of bench/load.ts: a bare Fastify route returning a constant JSON body, in its own process. */
import Fastify from 'fastify';

const app = Fastify({ logger: false });
app.get('/hello', async () => ({ hello: 'world' }));
await app.listen({ port: Number(process.argv[2] ?? 3999), host: '127.0.0.1' });
console.log('listening');
