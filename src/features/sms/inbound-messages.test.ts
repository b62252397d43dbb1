import { describe, expect, it } from 'vitest';
import { messageIdForms, nationalMsisdn, parseDeliveryReceipt, parseSurveyScore } from './inbound-messages';

describe('parseDeliveryReceipt', () => {
  const text = (stat: string) =>
    `id:5a001 sub:001 dlvrd:001 submit date:2601151030 done date:2601151031 stat:${stat} err:000 text:尊敬的`;

  it('reads id, state and error from the receipt text', () => {
    expect(parseDeliveryReceipt({ text: text('DELIVRD') })).toEqual({
      messageId: '5a001',
      stat: 'DELIVRD',
      outcome: 'delivered',
      err: '000',
    });
  });

  it('maps final failure states to failed and intermediate ones to pending', () => {
    for (const stat of ['UNDELIV', 'EXPIRED', 'REJECTD', 'DELETED']) {
      expect(parseDeliveryReceipt({ text: text(stat) })?.outcome).toBe('failed');
    }
    for (const stat of ['ENROUTE', 'ACCEPTD', 'UNKNOWN', 'WHATEVER']) {
      expect(parseDeliveryReceipt({ text: text(stat) })?.outcome).toBe('pending');
    }
  });

  it('prefers the receipted_message_id and message_state TLVs', () => {
    const receipt = parseDeliveryReceipt({
      text: text('ENROUTE'),
      receiptedMessageId: 'ABC',
      messageState: 5,
    });
    expect(receipt).toMatchObject({ messageId: 'ABC', stat: 'UNDELIV', outcome: 'failed' });
  });

  it('does not read "submit date:" as a field named date, nor accept a receipt without id or state', () => {
    expect(parseDeliveryReceipt({ text: 'hello' })).toBeNull();
    expect(parseDeliveryReceipt({ text: 'stat:DELIVRD' })).toBeNull();
    expect(parseDeliveryReceipt({ text: 'id:42' })).toBeNull();
  });
});

describe('messageIdForms', () => {
  it('tries the exact id first, then its hexadecimal or decimal twin', () => {
    expect(messageIdForms('255')[0]).toBe('255');
    expect(messageIdForms('255')).toContain('ff');
    expect(messageIdForms('ff')).toContain('255');
    expect(messageIdForms('msg-1')).toEqual(['msg-1', 'MSG-1']);
  });
});

describe('parseSurveyScore', () => {
  it('accepts one digit 1–5, ASCII or full-width, with spaces or a full stop', () => {
    expect(parseSurveyScore('4')).toBe(4);
    expect(parseSurveyScore(' ５ ')).toBe(5);
    expect(parseSurveyScore('１。')).toBe(1);
    expect(parseSurveyScore('3.')).toBe(3);
  });

  it('rejects anything else', () => {
    for (const text of ['0', '6', '45', 'four', '', '4分', '好', '-1'])
      expect(parseSurveyScore(text)).toBeNull();
  });
});

describe('nationalMsisdn', () => {
  it('strips +86, 0086 and 86 before an 11-digit mobile number', () => {
    expect(nationalMsisdn('13812345678')).toBe('13812345678');
    expect(nationalMsisdn('+8613812345678')).toBe('13812345678');
    expect(nationalMsisdn('008613812345678')).toBe('13812345678');
    expect(nationalMsisdn('8613812345678')).toBe('13812345678');
  });

  it('rejects what is not a mainland mobile number', () => {
    expect(nationalMsisdn('10086')).toBeNull();
    expect(nationalMsisdn('12812345678')).toBeNull();
  });
});
