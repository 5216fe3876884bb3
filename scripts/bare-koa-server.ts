/**
 * The yardstick for `npm run bench:load`: the least a Koa webhook can do (koa, koa-bodyparser, twilio's MessagingResponse
 * answering fixed TwiML), so faqbot's throughput can be read as a share of what the stack itself allows on this machine.
 * Prints `{"port":N}` once listening; stops on SIGTERM.
 */
import Koa from 'koa';
import bodyParser from 'koa-bodyparser';
import MessagingResponse from 'twilio/lib/twiml/MessagingResponse';

const app = new Koa();
app.use(bodyParser({ enableTypes: ['form'] }));
app.use((ctx) => {
  const response = new MessagingResponse();
  response.message('We are open 9:00-18:30 Monday to Friday.');
  ctx.type = 'text/xml';
  ctx.body = response.toString();
});
const server = app.listen(0, '127.0.0.1', () => {
  const address = server.address();
  console.log(JSON.stringify({ port: typeof address === 'object' && address !== null ? address.port : null }));
});
process.on('SIGTERM', () => server.close(() => process.exit(0)));
