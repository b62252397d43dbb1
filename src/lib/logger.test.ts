import { Writable } from 'node:stream';
import pino from 'pino';
import { describe, expect, it } from 'vitest';
import { loggerOptions } from './logger';

function captureLogger() {
  const lines: string[] = [];
  const sink = new Writable({
    write(chunk, _encoding, done) {
      lines.push(String(chunk));
      done();
    },
  });
  return { logger: pino(loggerOptions('info'), sink), lines };
}

describe('logger', () => {
  it('never writes an MSISDN or ID number, at the top level or nested', () => {
    const { logger, lines } = captureLogger();
    logger.info(
      { msisdn: '13812345678', subscriber: { idNumber: '32010219850615001X', msisdn: '13900001111' } },
      'x',
    );
    const text = lines.join('');
    expect(text).not.toContain('13812345678');
    expect(text).not.toContain('13900001111');
    expect(text).not.toContain('32010219850615001X');
    expect(text).toContain('[redacted]');
  });
});
