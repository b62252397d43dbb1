import { useQuery } from '@tanstack/react-query';
import { Card, Col, Form, InputNumber, Row, Select } from 'antd';
import { useTranslation } from 'react-i18next';
import { fetchOffers, svKeys } from '../../api/supervision';
import { currentLanguage } from '../../i18n';
import { kindOptions } from './leverOptions';
import { RecordEditor } from './RecordEditor';
import { YuanInput } from './YuanInput';

/** What an upsell call presents and how much an accepted one is worth. */
export function UpsellSection() {
  const { t } = useTranslation();
  const lang = currentLanguage();
  const offers = useQuery({
    queryKey: svKeys.offers(lang),
    queryFn: () => fetchOffers(lang),
    staleTime: 60_000,
  });
  const offerOptions = (offers.data?.items ?? []).map((o) => ({
    value: o.code,
    label: `${o.name} (${o.code})`,
  }));
  return (
    <Card title={t('decisions.sections.upsell')} size="small">
      <Form.Item name={['upsell', 'offerKinds']} label={t('decisions.upsell.kinds')}>
        <Select mode="multiple" allowClear options={kindOptions(t)} />
      </Form.Item>
      <Row gutter={16}>
        <Col xs={24} md={12}>
          <Form.Item name={['upsell', 'horizonMonths']} label={t('decisions.upsell.horizon')}>
            <InputNumber
              style={{ width: '100%' }}
              min={1}
              max={36}
              precision={0}
              suffix={t('decisions.months')}
            />
          </Form.Item>
        </Col>
        <Col xs={24} md={12}>
          <Form.Item name={['upsell', 'defaultMonthlyGainFen']} label={t('decisions.upsell.defaultGain')}>
            <YuanInput />
          </Form.Item>
        </Col>
      </Row>
      <Form.Item name={['upsell', 'monthlyGainFenByKind']} label={t('decisions.upsell.gainByKind')}>
        <RecordEditor keys={kindOptions(t)} valueKind="yuan" />
      </Form.Item>
      <Form.Item
        name={['upsell', 'monthlyGainFenByOffer']}
        label={t('decisions.upsell.gainByOffer')}
        extra={t('decisions.upsell.gainHelp')}
      >
        <RecordEditor keys={offerOptions} valueKind="yuan" />
      </Form.Item>
    </Card>
  );
}
