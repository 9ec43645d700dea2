/**
 * A yes/no question drawn as a red box (deleting a bot cannot be undone).
 *
 *   ╭──────────────────────────────────────────╮
 *   │ Delete bot 'btc-sma'? Its history stays  │
 *   │ in the database.          y: yes  n: no  │
 *   ╰──────────────────────────────────────────╯
 */
import { Box, Text } from "ink";
import { theme } from "../theme.ts";

export interface ConfirmDialogProps {
  readonly question: string;
  readonly detail?: string;
  readonly width: number;
}

export function ConfirmDialog({ question, detail, width }: ConfirmDialogProps) {
  return (
    <Box flexDirection="column" borderStyle="round" borderColor={theme.error} width={Math.min(width, 64)} paddingX={1}>
      <Text bold>{question}</Text>
      {detail ? <Text color={theme.muted}>{detail}</Text> : null}
      <Text>
        <Text color={theme.error} bold>
          y
        </Text>
        /Enter: yes{"   "}
        <Text bold>n</Text>/Esc: no
      </Text>
    </Box>
  );
}
