import { Alert } from '@mantine/core';
import classes from './shell.module.css';

/** Said once, above the screen, for as long as the desk does not answer: no toast per list that failed. */
export function DeskNotRunning() {
  return (
    <Alert
      color="red"
      variant="filled"
      radius={0}
      title="The desk is not running"
      role="alert"
      className={classes.offline}
    >
      What you see may be out of date (greyed), and nothing can be saved. Start the desk again (desk web): this page
      reconnects by itself.
    </Alert>
  );
}
