import { Empty, Flex, Typography } from 'antd';
import { useMemo } from 'react';
import { useTranslation } from 'react-i18next';
import type { SubscriberConsumption } from '../../api/consumption';
import { EChart } from '../../charts/EChart';
import { formatPercent } from '../../format/format';
import { timeOfDayOption } from './consumptionCharts';

type TimeOfDayProfileProps = { timeOfDay: SubscriberConsumption['timeOfDay'] };

/**
 * The usage store has no hourly or daypart usage, only each day's night (00:00–06:00) data, so the
 * profile is the night share of data the scoring run kept; the note under it says so.
 */
export function TimeOfDayProfile({ timeOfDay }: TimeOfDayProfileProps) {
  const { t } = useTranslation();
  const night = timeOfDay.nightDataShare;
  const labels = useMemo(
    () => ({
      night: t('consumption.card.night', { hours: timeOfDay.nightHours }),
      day: t('consumption.card.day'),
    }),
    [t, timeOfDay.nightHours],
  );
  const option = useMemo(() => (night === null ? null : timeOfDayOption(night, labels)), [night, labels]);
  return (
    <Flex vertical gap={4} data-testid="consumption-time-of-day">
      <Typography.Text strong>{t('consumption.card.timeOfDay')}</Typography.Text>
      {option === null ? (
        <Empty
          image={Empty.PRESENTED_IMAGE_SIMPLE}
          description={t('consumption.card.notes.NO_NIGHT_SHARE')}
        />
      ) : (
        <>
          <EChart option={option} height={180} />
          <Typography.Text type="secondary" style={{ fontSize: 12 }}>
            {t('consumption.card.nightShare', {
              days: timeOfDay.windowDays,
              share: formatPercent(night),
              peer: formatPercent(timeOfDay.peerMedianNightDataShare),
            })}
          </Typography.Text>
        </>
      )}
    </Flex>
  );
}
