import { useMutation, useQueryClient } from '@tanstack/react-query';
import { App, Form } from 'antd';
import { useTranslation } from 'react-i18next';
import { createOffer, updateOffer } from '../../api/supervision';
import type { Offer } from '../../api/types-supervision';
import { ErrorAlert } from '../../components/ErrorAlert';
import { bodyIssues } from '../campaigns/formIssues';
import { EditDrawer } from './EditDrawer';
import { OfferFormFields } from './OfferFormFields';
import { type OfferFormValues, offerFieldName, offerFields, offerFormValues } from './offerForm';

type OfferDrawerProps = {
  open: boolean;
  /** The offer edited; null adds a new one. */
  offer: Offer | null;
  /** The rule tab the analyst is on, the new offer's starting rule. */
  rule: string;
  onClose: () => void;
};

/** Add or edit an offer; the server's complaints show next to the fields they are about. */
export function OfferDrawer({ open, offer, rule, onClose }: OfferDrawerProps) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const queryClient = useQueryClient();
  // Untyped on purpose: server issues name nested fields (['eligibility', 'tiers']) as plain paths.
  const [form] = Form.useForm();
  const save = useMutation({
    mutationFn: (values: OfferFormValues) =>
      offer
        ? updateOffer(offer.code, offerFields(values))
        : createOffer(values.code.trim(), offerFields(values)),
    onSuccess: () => {
      void message.success(t('catalogue.offers.saved'));
      void queryClient.invalidateQueries({ queryKey: ['catalogue', 'offers'] });
      onClose();
    },
    onError: (error) => {
      form.setFields(
        bodyIssues(error).flatMap((issue) => {
          const name = offerFieldName(issue);
          return name ? [{ name, errors: [issue.message] }] : [];
        }),
      );
    },
  });
  const unplaced = bodyIssues(save.error).filter((issue) => offerFieldName(issue) === null);

  return (
    <EditDrawer
      open={open}
      size={720}
      title={offer ? t('catalogue.offers.editTitle', { code: offer.code }) : t('catalogue.offers.newTitle')}
      saving={save.isPending}
      saveTestId="offer-save"
      onSave={() => form.submit()}
      onClose={onClose}
      onClosed={() => save.reset()}
    >
      {save.isError && (unplaced.length > 0 || bodyIssues(save.error).length === 0) && (
        <ErrorAlert error={save.error} style={{ marginBottom: 16 }} />
      )}
      <Form
        form={form}
        layout="vertical"
        initialValues={offerFormValues(offer, rule)}
        onFinish={(values: OfferFormValues) => save.mutate(values)}
        data-testid="offer-form"
      >
        <OfferFormFields creating={offer === null} />
      </Form>
    </EditDrawer>
  );
}
