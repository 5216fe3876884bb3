import { type Middleware } from 'koa';
import { type Logger } from '../log/logger';
import { requestState } from './request-state';

interface HttpError {
  status?: number;
  expose?: boolean;
  message: string;
}

function asHttpError(error: unknown): HttpError {
  if (error instanceof Error) return error as Error & HttpError;
  return { message: String(error) };
}

/** The one error handler: 4xx messages go to the client, 5xx details only to the log, with the request id. */
export function handleErrors(logger: Logger): Middleware {
  return async (ctx, next) => {
    try {
      await next();
    } catch (caught) {
      const error = asHttpError(caught);
      const status = typeof error.status === 'number' && error.status >= 400 && error.status < 600 ? error.status : 500;
      ctx.status = status;
      ctx.type = 'text/plain';
      if (status >= 500) {
        logger.error({ reqId: requestState(ctx).requestId, err: caught, method: ctx.method, path: ctx.path }, 'request failed');
        ctx.body = 'Internal server error';
      } else {
        ctx.body = error.expose === false ? 'Bad request' : error.message;
      }
    }
  };
}
