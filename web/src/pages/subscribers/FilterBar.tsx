import { useQuery } from '@tanstack/react-query';
import { Button, Col, Row, Select } from 'antd';
import { useTranslation } from 'react-i18next';
import { fetchSubscriberFilters } from '../../api/subscribers';
import type { SubscriberFilters } from '../../api/types';
import { type CodeGroup, codeLabel } from '../../i18n/codes';

export const FILTER_KEYS = ['city', 'tier', 'riskBand', 'signal', 'vipLevel', 'status'] as const;
export type FilterKey = (typeof FILTER_KEYS)[number];

const SOURCES: Record<FilterKey, { list: keyof SubscriberFilters; group: CodeGroup | null }> = {
  city: { list: 'cities', group: null },
  tier: { list: 'tiers', group: 'tier' },
  riskBand: { list: 'riskBands', group: 'riskBand' },
  signal: { list: 'signals', group: 'signal' },
  vipLevel: { list: 'vipLevels', group: 'vipLevel' },
  status: { list: 'statuses', group: 'status' },
};

type Props = {
  values: Partial<Record<FilterKey, string>>;
  onChange: (key: FilterKey, value: string | undefined) => void;
  onClear: () => void;
};

export function FilterBar({ values, onChange, onClear }: Props) {
  const { t } = useTranslation();
  const filters = useQuery({
    queryKey: ['subscribers', 'filters'],
    queryFn: fetchSubscriberFilters,
    staleTime: 300_000,
  });
  const anySet = FILTER_KEYS.some((key) => values[key] !== undefined);

  return (
    <Row gutter={[12, 12]} align="middle">
      {FILTER_KEYS.map((key) => {
        const { list, group } = SOURCES[key];
        const options = (filters.data?.[list] ?? []).map((code) => ({
          value: code,
          label: group ? codeLabel(t, group, code) : code,
        }));
        return (
          <Col key={key} xs={12} sm={8} md={8} lg={4}>
            <Select
              style={{ width: '100%' }}
              allowClear
              showSearch={{ optionFilterProp: 'label' }}
              loading={filters.isPending}
              placeholder={t(`subscribers.filters.${key}`)}
              value={values[key]}
              options={options}
              onChange={(value: string | undefined) => onChange(key, value)}
              data-testid={`subscriber-filter-${key}`}
            />
          </Col>
        );
      })}
      {anySet && (
        <Col>
          <Button type="link" onClick={onClear}>
            {t('subscribers.filters.clear')}
          </Button>
        </Col>
      )}
    </Row>
  );
}
