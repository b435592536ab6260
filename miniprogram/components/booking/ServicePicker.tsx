import { Text, View } from '@tarojs/components';
import type { AppointmentService } from '../../../core/api';
import { PICKER_TEXT } from './strings';
import './index.scss';

/** Service cards: name, description, duration. */
export function ServicePicker({
  services,
  value,
  onChange,
}: {
  services: AppointmentService[];
  value: string | null;
  onChange: (service: AppointmentService) => void;
}) {
  return (
    <View className="kefu-services">
      {services.map((service) => (
        <View
          key={service.id}
          className={`kefu-service${service.id === value ? ' kefu-service--active' : ''}`}
          data-testid={`service-${service.id}`}
          onClick={() => onChange(service)}
        >
          <View className="kefu-service__head">
            <Text className="kefu-service__name">{service.name}</Text>
            <Text className="kefu-service__duration">{PICKER_TEXT.minutes(service.durationMinutes)}</Text>
          </View>
          {service.description ? <Text className="kefu-service__description">{service.description}</Text> : null}
        </View>
      ))}
    </View>
  );
}
