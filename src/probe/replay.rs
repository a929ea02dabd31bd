//! A recorded server flight as a probe's transport, for [`super::replay`].

use std::io::{Read, Write};
use std::time::Duration;

use super::net::Transport;

/// Reads give back the recorded bytes in order, then end of stream; writes are accepted and
/// dropped, since there is no peer to hear them. Nothing ever blocks, so budgets are moot.
#[derive(Debug)]
pub(crate) struct Flight<'a> {
    rest: &'a [u8],
}

impl<'a> Flight<'a> {
    pub(crate) fn new(server_bytes: &'a [u8]) -> Self {
        Self { rest: server_bytes }
    }
}

impl Read for Flight<'_> {
    fn read(&mut self, buf: &mut [u8]) -> std::io::Result<usize> {
        self.rest.read(buf)
    }
}

impl Write for Flight<'_> {
    fn write(&mut self, buf: &[u8]) -> std::io::Result<usize> {
        Ok(buf.len())
    }

    fn flush(&mut self) -> std::io::Result<()> {
        Ok(())
    }
}

impl Transport for Flight<'_> {
    fn set_read_budget(&mut self, _left: Duration) -> std::io::Result<()> {
        Ok(())
    }

    fn set_write_budget(&mut self, _left: Duration) -> std::io::Result<()> {
        Ok(())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_flight_reads_back_in_order_then_ends_and_swallows_writes() {
        let mut f = Flight::new(b"abc");
        let mut buf = [0u8; 2];
        assert_eq!(f.read(&mut buf).unwrap(), 2);
        assert_eq!(&buf, b"ab");
        assert_eq!(f.write(b"ignored").unwrap(), 7);
        assert_eq!(f.read(&mut buf).unwrap(), 1);
        assert_eq!(f.read(&mut buf).unwrap(), 0);
    }
}
