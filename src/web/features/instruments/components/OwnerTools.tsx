/**
 * What an instrument's owner manages besides its fields: exceptions to the weekly hours (blackouts and extra
 * openings), the users trained on it (for instruments that need training), and photos.
 */
import { Tabs } from 'antd';
import { useTranslation } from 'react-i18next';
import type { Instrument } from '../api';
import OwnerExceptions from './OwnerExceptions';
import OwnerPhotos from './OwnerPhotos';
import OwnerQualifications from './OwnerQualifications';

export default function OwnerTools({ ins, onChanged }: { ins: Instrument; onChanged: () => void }) {
  const { t } = useTranslation();
  return (
    <Tabs
      data-testid="owner-tools"
      items={[
        { key: 'exceptions', label: t('owner.exceptions'), children: <OwnerExceptions ins={ins} onChanged={onChanged} /> },
        { key: 'qualifications', label: t('owner.qualifications'), children: <OwnerQualifications ins={ins} /> },
        { key: 'photos', label: t('owner.photos'), children: <OwnerPhotos ins={ins} onChanged={onChanged} /> },
      ]}
    />
  );
}
