import { MessagePage } from '@/components/shell/message-page';

export default function NotFound() {
  return <MessagePage title="common.notFoundTitle" body="common.notFoundBody" />;
}
