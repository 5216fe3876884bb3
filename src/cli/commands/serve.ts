import { type Command } from 'commander';
import { formatProblem } from '../../corpus/corpus-error';
import { ensureIndex } from '../../index/ensure-index';
import { createLogger } from '../../log/logger';
import { openReplica } from '../../postgres/replica';
import { checkIndexIsNotMessageLog } from '../../server/separate-files';
import { exitOnSignals } from '../../server/shutdown';
import { startServer, type RunningServer } from '../../server/start-server';
import { isAddressInUse, PortInUseError } from '../port-in-use';
import { indexOptionsFrom, settingsFrom, type CommandFlags } from '../settings';
import { describeSignatureUrl } from '../signature-url';

/** `faqbot serve`: builds the index if needed and runs the webhook server until SIGINT or SIGTERM. */
export function registerServe(program: Command): void {
  program
    .command('serve')
    .description('run the webhook server (builds the index first if it is missing or older than the corpus; a corpus with errors is served from the last good index)')
    .option('--db <file>', 'index file (default: FAQBOT_DB or data/faqbot.sqlite)')
    .option('--corpus <dir>', 'corpus folder (default: CORPUS_DIR or ./corpus)')
    .option('--port <n>', 'port to listen on (default: PORT or 3000)')
    .action(async (flags: CommandFlags) => {
      const config = settingsFrom(flags);
      const logger = createLogger(config.logLevel);
      checkIndexIsNotMessageLog(config.dbPath, config.messageLogPath);
      let corpusErrors = 0;
      // With DATABASE_URL: the newest published index (kept locally), else built from the corpus as without it.
      const replica = config.databaseUrl === undefined ? undefined : await openReplica(config, logger, config.databaseUrl);
      const index = replica?.localIndex() ?? ensureIndex(config.dbPath, config.corpusDir, {
        index: indexOptionsFrom(config),
        onBuild: (meta) => logger.info({ answers: meta.answers, questions: meta.questions, terms: meta.terms, buildMs: meta.buildMs, db: config.dbPath }, 'index built'),
        // A typo must not take the bot down at its next restart: the last good index answers until the corpus is fixed.
        onCorpusError: (error, lastGood) => {
          corpusErrors = error.problems.length;
          logger.error(
            { corpusErrors, problems: error.problems.map(formatProblem), db: config.dbPath, builtAt: lastGood.builtAt },
            'the corpus has errors, so it was not indexed; serving the last good index until they are fixed and "faqbot reindex" runs',
          );
        },
      });
      if (config.twilioAuthToken === undefined && !config.skipTwilioSignature) {
        logger.warn('TWILIO_AUTH_TOKEN is not set: POST /bot will answer 403. Set it (see .env.example), or SKIP_TWILIO_SIGNATURE=true for local development.');
      }
      let running: RunningServer;
      try {
        running = await startServer(config, index, logger, { corpusErrors, ...(replica === undefined ? {} : { replica }) });
      } catch (error) {
        if (isAddressInUse(error)) throw new PortInUseError(config.port, config.host);
        throw error;
      }
      // Before the "listening" line: whoever waits for that line may signal at once.
      exitOnSignals({ close: running.close, timeoutMs: config.shutdownTimeoutMs, logger, exit: (code) => process.exit(code) });
      logger.info(
        {
          port: running.port,
          answers: index.meta.answers,
          builtAt: index.meta.builtAt,
          messageLog: replica === undefined ? config.messageLogPath : 'the shared database',
          trustProxy: config.trustProxy,
          signatureUrl: describeSignatureUrl(config),
          corpusErrors,
        },
        `faqbot listening on http://localhost:${running.port} (POST /bot, GET /health); Twilio signatures are checked against ${describeSignatureUrl(config)}`,
      );
    });
}
