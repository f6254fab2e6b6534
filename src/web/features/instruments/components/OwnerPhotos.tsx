/** The owner's photo upload for an instrument */
import { useMutation } from '@tanstack/react-query';
import { Alert, App } from 'antd';
import { useTranslation } from 'react-i18next';
import { uploadPhoto, type Instrument } from '../api';

export default function OwnerPhotos({ ins, onChanged }: { ins: Instrument; onChanged: () => void }) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const add = useMutation({
    mutationFn: (file: File) => uploadPhoto(ins.id, file),
    onSuccess: () => {
      message.success(t('owner.photoAdded'));
      onChanged();
    },
  });
  const busy = add.isPending;
  const err = add.error?.message ?? null;
  const upload = (file: File) => add.mutate(file);
  return (
    <div>
      {err && <Alert type="error" showIcon title={err} style={{ marginBottom: 8 }} />}
      <label className="kft-field">
        <span>{t('owner.photoFile')}</span>
        <input
          type="file"
          accept="image/jpeg,image/png,image/webp"
          disabled={busy}
          onChange={(e) => {
            const f = e.target.files?.[0];
            if (f) void upload(f);
            e.target.value = '';
          }}
        />
      </label>
      <p className="kft-meta">{t('owner.photoHint')}</p>
    </div>
  );
}
