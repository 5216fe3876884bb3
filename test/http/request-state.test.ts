import { expect } from 'chai';
import Koa from 'koa';
import { type AddressInfo } from 'node:net';
import { formOf, requestState } from '../../src/http/request-state';

describe('requestState and formOf (real Koa app on an ephemeral port, no request logger or form reader)', () => {
  let server: ReturnType<Koa['listen']>;
  let base: string;
  before(async () => {
    const app = new Koa();
    app.silent = true;
    app.use((ctx) => {
      const state = requestState(ctx);
      let formError = '';
      try {
        formOf(ctx);
      } catch (error) {
        formError = (error as Error).message;
      }
      ctx.body = { requestId: state.requestId, formError };
    });
    server = app.listen(0, '127.0.0.1');
    await new Promise((resolve) => server.once('listening', resolve));
    base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  });
  after(async () => {
    await new Promise((resolve) => server.close(resolve));
  });

  it('gives an empty request id until the request logger sets one, and says which middleware is missing when no form was read', async () => {
    expect(await (await fetch(`${base}/bot`, { method: 'POST', body: 'Body=hi' })).json()).to.deep.equal({
      requestId: '',
      formError: 'internal: the form body was not read; put readForm() before this middleware',
    });
  });
});
