import { Tag } from 'antd';
import { useTranslation } from 'react-i18next';
import type { SmsSize } from '../../api/types-supervision';

/** How many message parts a body takes, and in which encoding (UCS-2 parts hold 70 characters). */
export function SmsSizeTag({ size }: { size: SmsSize }) {
  const { t } = useTranslation();
  return (
    <Tag color={size.segments > 1 ? 'orange' : undefined}>
      {t('catalogue.sms.segments', { count: size.segments, encoding: size.encoding.toUpperCase() })}
    </Tag>
  );
}
