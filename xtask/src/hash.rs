/// FNV-1a, 64 bit: a stable content hash for file names and build ids (not for security).
pub fn fnv1a(bytes: &[u8]) -> u64 {
    bytes.iter().fold(0xcbf2_9ce4_8422_2325, |h, b| {
        (h ^ u64::from(*b)).wrapping_mul(0x0100_0000_01b3)
    })
}

pub fn short_hex(bytes: &[u8]) -> String {
    format!("{:016x}", fnv1a(bytes))
}
