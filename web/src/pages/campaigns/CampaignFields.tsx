import { useQuery } from '@tanstack/react-query';
import { Col, DatePicker, Form, Input, InputNumber, Row, Select } from 'antd';
import { useTranslation } from 'react-i18next';
import { fetchOffers, fetchScripts, svKeys } from '../../api/supervision';
import { CAMPAIGN_KINDS } from '../../api/types-supervision';
import { currentLanguage } from '../../i18n';
import type { CampaignFormValues } from './campaignForm';

const FULL = { width: '100%' } as const;

/** The campaign's own settings: name, kind, script, offers, schedule, quota, holdout, outcome window. */
export function CampaignFields() {
  const { t } = useTranslation();
  const lang = currentLanguage();
  const scripts = useQuery({ queryKey: svKeys.scripts, queryFn: fetchScripts, staleTime: 60_000 });
  const offers = useQuery({
    queryKey: svKeys.offers(lang),
    queryFn: () => fetchOffers(lang),
    staleTime: 60_000,
  });
  const required = { required: true, message: t('campaigns.builder.required') };

  return (
    <>
      <Row gutter={16}>
        <Col xs={24} md={14}>
          <Form.Item<CampaignFormValues>
            name="name"
            label={t('campaigns.fieldsLabel.name')}
            rules={[{ ...required, whitespace: true }, { max: 120 }]}
          >
            <Input data-testid="campaign-name" maxLength={120} />
          </Form.Item>
        </Col>
        <Col xs={24} md={10}>
          <Form.Item<CampaignFormValues>
            name="kind"
            label={t('campaigns.fieldsLabel.kind')}
            rules={[required]}
          >
            <Select
              data-testid="campaign-kind"
              options={CAMPAIGN_KINDS.map((kind) => ({
                value: kind,
                label: t(`campaigns.kind.${kind}`),
                'data-testid': `campaign-kind-option-${kind}`,
              }))}
            />
          </Form.Item>
        </Col>
      </Row>
      <Form.Item<CampaignFormValues> name="scriptCode" label={t('campaigns.fieldsLabel.script')}>
        <Select
          allowClear
          data-testid="campaign-script"
          loading={scripts.isPending}
          placeholder={t('campaigns.builder.noScript')}
          showSearch={{ optionFilterProp: 'label' }}
          options={(scripts.data?.items ?? []).map((script) => ({
            value: script.code,
            label: `${lang === 'zh-CN' ? script.titleZh : script.titleEn} (${script.code})`,
            'data-testid': `campaign-script-option-${script.code}`,
          }))}
        />
      </Form.Item>
      <Form.Item<CampaignFormValues>
        name="offerCodes"
        label={t('campaigns.fieldsLabel.offers')}
        extra={t('campaigns.builder.offersHelp')}
      >
        <Select
          mode="multiple"
          allowClear
          data-testid="campaign-offers"
          loading={offers.isPending}
          placeholder={t('campaigns.builder.noOffers')}
          showSearch={{ optionFilterProp: 'label' }}
          options={(offers.data?.items ?? []).map((offer) => ({
            value: offer.code,
            label: `${offer.name} (${offer.code})`,
            disabled: !offer.availableToday,
            'data-testid': `campaign-offer-option-${offer.code}`,
          }))}
        />
      </Form.Item>
      <Row gutter={16}>
        <Col xs={24} md={12}>
          <Form.Item<CampaignFormValues>
            name="startsOn"
            label={t('campaigns.fieldsLabel.startsOn')}
            rules={[required]}
          >
            <DatePicker style={FULL} data-testid="campaign-starts-on" />
          </Form.Item>
        </Col>
        <Col xs={24} md={12}>
          <Form.Item<CampaignFormValues>
            name="endsOn"
            label={t('campaigns.fieldsLabel.endsOn')}
            dependencies={['startsOn']}
            rules={[
              ({ getFieldValue }) => ({
                validator: (_, value: CampaignFormValues['endsOn']) => {
                  const start: CampaignFormValues['startsOn'] = getFieldValue('startsOn');
                  if (!value || !start || !value.isBefore(start, 'day')) return Promise.resolve();
                  return Promise.reject(new Error(t('campaigns.builder.endsBeforeStart')));
                },
              }),
            ]}
          >
            <DatePicker style={FULL} allowClear placeholder={t('campaigns.builder.noEnd')} />
          </Form.Item>
        </Col>
      </Row>
      <Row gutter={16}>
        <Col xs={24} md={8}>
          <Form.Item<CampaignFormValues>
            name="dailyQuota"
            label={t('campaigns.fieldsLabel.dailyQuota')}
            extra={t('campaigns.builder.dailyQuotaHelp')}
            rules={[required]}
          >
            <InputNumber style={FULL} min={1} max={100_000} precision={0} data-testid="campaign-quota" />
          </Form.Item>
        </Col>
        <Col xs={24} md={8}>
          <Form.Item<CampaignFormValues>
            name="holdoutPercent"
            label={t('campaigns.fieldsLabel.holdout')}
            extra={t('campaigns.builder.holdoutHelp')}
            rules={[required]}
          >
            <InputNumber
              style={FULL}
              min={0}
              max={50}
              step={1}
              precision={1}
              suffix="%"
              data-testid="campaign-holdout"
            />
          </Form.Item>
        </Col>
        <Col xs={24} md={8}>
          <Form.Item<CampaignFormValues>
            name="outcomeWindowDays"
            label={t('campaigns.fieldsLabel.outcomeWindow')}
            extra={t('campaigns.builder.outcomeWindowHelp')}
            rules={[required]}
          >
            <InputNumber
              style={FULL}
              min={1}
              max={365}
              precision={0}
              suffix={t('campaigns.builder.days')}
              data-testid="campaign-window"
            />
          </Form.Item>
        </Col>
      </Row>
    </>
  );
}
