import { useQuery } from '@tanstack/react-query';
import { Button, DatePicker, Flex, Select, Typography } from 'antd';
import dayjs from 'dayjs';
import { useTranslation } from 'react-i18next';
import { fetchSubscriberFilters } from '../../api/subscribers';
import { type DashboardFilters, isTier, TIERS } from './dashboardFilters';

const DAY = 'YYYY-MM-DD';

type DashboardFilterBarProps = {
  filters: DashboardFilters;
  onChange: (patch: Partial<Record<'city' | 'tier' | 'from' | 'to', string | null>>) => void;
  onReset: () => void;
};

/** Region, tier and period, applied to every dashboard (each takes the filters that make sense for it). */
export function DashboardFilterBar({ filters, onChange, onReset }: DashboardFilterBarProps) {
  const { t } = useTranslation();
  // The cities as scoring stored them: the same list the subscriber search offers.
  const choices = useQuery({
    queryKey: ['subscribers', 'filters'],
    queryFn: fetchSubscriberFilters,
    staleTime: 300_000,
  });
  const today = dayjs();
  const presets = [
    {
      label: t('dashboards.filters.last30'),
      value: [today.subtract(29, 'day'), today] as [dayjs.Dayjs, dayjs.Dayjs],
    },
    {
      label: t('dashboards.filters.last90'),
      value: [today.subtract(89, 'day'), today] as [dayjs.Dayjs, dayjs.Dayjs],
    },
    {
      label: t('dashboards.filters.thisYear'),
      value: [today.startOf('year'), today] as [dayjs.Dayjs, dayjs.Dayjs],
    },
    {
      label: t('dashboards.filters.last12'),
      value: [today.subtract(1, 'year').add(1, 'day'), today] as [dayjs.Dayjs, dayjs.Dayjs],
    },
  ];
  return (
    <Flex gap={12} align="center" wrap data-testid="dashboard-filters">
      <Flex gap={6} align="center">
        <Typography.Text type="secondary">{t('dashboards.filters.city')}</Typography.Text>
        <Select
          allowClear
          showSearch
          style={{ width: 160 }}
          placeholder={t('dashboards.filters.allCities')}
          value={filters.city ?? null}
          loading={choices.isPending}
          options={(choices.data?.cities ?? []).map((city) => ({ value: city, label: city }))}
          onChange={(value: string | null | undefined) => onChange({ city: value ?? null })}
          data-testid="dashboard-filter-city"
        />
      </Flex>
      <Flex gap={6} align="center">
        <Typography.Text type="secondary">{t('dashboards.filters.tier')}</Typography.Text>
        <Select
          allowClear
          style={{ width: 140 }}
          placeholder={t('dashboards.filters.allTiers')}
          value={filters.tier ?? null}
          options={TIERS.map((tier) => ({ value: tier, label: t(`codes.tier.${tier}`) }))}
          onChange={(value: string | null | undefined) =>
            onChange({ tier: isTier(value ?? undefined) ? value : null })
          }
          data-testid="dashboard-filter-tier"
        />
      </Flex>
      <Flex gap={6} align="center">
        <Typography.Text type="secondary">{t('dashboards.filters.period')}</Typography.Text>
        {/* The range picker copies a test id onto both its inputs: the wrapper carries it once. */}
        <span data-testid="dashboard-filter-period">
          <DatePicker.RangePicker
            allowClear={false}
            value={[dayjs(filters.from), dayjs(filters.to)]}
            presets={presets}
            disabledDate={(date) => date.isAfter(today, 'day')}
            onChange={(range) => {
              const [start, end] = range ?? [];
              if (start && end) onChange({ from: start.format(DAY), to: end.format(DAY) });
            }}
          />
        </span>
      </Flex>
      <Button onClick={onReset} data-testid="dashboard-filter-reset">
        {t('dashboards.filters.reset')}
      </Button>
    </Flex>
  );
}
