//! Benchmark of the structured bank-statement readers through `import::import_bytes`: a generated CAMT.053
//! file (one statement, 50,000 entries with transaction details), MT940 (100,000 `:61:`/`:86:` pairs in
//! daily statements) and OFX 1.x SGML (100,000 `<STMTTRN>`). For CAMT.053 the floor is quick-xml reading every
//! event of the same bytes and doing nothing with it. Criterion reports bytes per second.
//! Run: `cargo bench --no-default-features --bench statements`.

use std::fmt::Write as _;
use std::hint::black_box;
use std::time::Duration;

use criterion::{Criterion, Throughput, criterion_group, criterion_main};
use quick_xml::events::Event;

use posrecon::import::{ImportOptions, import_bytes};
use posrecon::model::{Side, SourceId};

/// A deterministic pseudo-random amount in cents (1.00 … 5,000.99).
fn cents(i: usize) -> u64 {
    let mut x = (i as u64).wrapping_mul(0x9E37_79B9_7F4A_7C15) ^ 0x2545_F491;
    x ^= x >> 29;
    100 + x % 500_000
}

fn camt053(entries: usize) -> Vec<u8> {
    let mut out = String::with_capacity(entries * 900);
    out.push_str("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<Document xmlns=\"urn:iso:std:iso:20022:tech:xsd:camt.053.001.02\"><BkToCstmrStmt>\n<Stmt><Id>BENCH</Id><Acct><Id><IBAN>DE89370400440532013000</IBAN></Id><Ccy>EUR</Ccy></Acct>\n");
    for i in 0..entries {
        let c = cents(i);
        let (sign, party) = if i % 3 == 0 { ("DBIT", "Cdtr") } else { ("CRDT", "Dbtr") };
        let _ = write!(
            out,
            "<Ntry>\n  <Amt Ccy=\"EUR\">{}.{:02}</Amt>\n  <CdtDbtInd>{sign}</CdtDbtInd>\n  <Sts>BOOK</Sts>\n  <BookgDt><Dt>2026-11-{:02}</Dt></BookgDt>\n  <ValDt><Dt>2026-11-{:02}</Dt></ValDt>\n  <AcctSvcrRef>2026110{i:09}</AcctSvcrRef>\n  <BkTxCd><Domn><Cd>PMNT</Cd><Fmly><Cd>RCDT</Cd><SubFmlyCd>ESCT</SubFmlyCd></Fmly></Domn></BkTxCd>\n  <NtryDtls><TxDtls>\n    <Refs><EndToEndId>E2E-{i:08}</EndToEndId></Refs>\n    <RltdPties><{party}><Nm>Counterparty {}</Nm></{party}></RltdPties>\n    <RmtInf><Ustrd>Invoice {i} card settlement</Ustrd></RmtInf>\n  </TxDtls></NtryDtls>\n</Ntry>\n",
            c / 100,
            c % 100,
            1 + i % 28,
            1 + i % 28,
            i % 997,
        );
    }
    out.push_str("</Stmt></BkToCstmrStmt></Document>\n");
    out.into_bytes()
}

fn mt940(entries: usize) -> Vec<u8> {
    let mut out = String::with_capacity(entries * 160);
    for (day, chunk) in (0..entries).collect::<Vec<_>>().chunks(1000).enumerate() {
        let _ = write!(
            out,
            ":20:BENCH{day}\r\n:25:10020030/0123456789\r\n:28C:{day:05}/001\r\n:60F:C261101EUR0,00\r\n"
        );
        for &i in chunk {
            let c = cents(i);
            let mark = if i % 3 == 0 { 'D' } else { 'C' };
            let _ = write!(
                out,
                ":61:2611{:02}11{:02}{mark}{},{:02}NTRFREF{i}//B{i:010}\r\n:86:166?00GUTSCHRIFT?20EREF+E2E-{i:08}?21SVWZ+Invoice {i}\r\n?32Counterparty {}\r\n",
                1 + i % 28,
                1 + i % 28,
                c / 100,
                c % 100,
                i % 997,
            );
        }
        out.push_str(":62F:C261130EUR0,00\r\n-\r\n");
    }
    out.into_bytes()
}

fn ofx(entries: usize) -> Vec<u8> {
    let mut out = String::with_capacity(entries * 160);
    out.push_str("OFXHEADER:100\r\nDATA:OFXSGML\r\nVERSION:102\r\nENCODING:USASCII\r\nCHARSET:1252\r\n\r\n<OFX><BANKMSGSRSV1><STMTTRNRS><STMTRS><CURDEF>USD\r\n<BANKACCTFROM><ACCTID>7788990011</BANKACCTFROM><BANKTRANLIST>\r\n");
    for i in 0..entries {
        let c = cents(i);
        let sign = if i % 3 == 0 { "-" } else { "" };
        let _ = write!(
            out,
            "<STMTTRN>\r\n<TRNTYPE>CREDIT\r\n<DTPOSTED>202611{:02}143015\r\n<TRNAMT>{sign}{}.{:02}\r\n<FITID>{i:012}\r\n<NAME>Counterparty {}\r\n<MEMO>Invoice {i}\r\n</STMTTRN>\r\n",
            1 + i % 28,
            c / 100,
            c % 100,
            i % 997,
        );
    }
    out.push_str("</BANKTRANLIST></STMTRS></STMTTRNRS></BANKMSGSRSV1></OFX>\r\n");
    out.into_bytes()
}

/// The CAMT floor: every XML event of the file, nothing kept.
fn raw_xml_pass(bytes: &[u8]) -> usize {
    let text = std::str::from_utf8(bytes).unwrap_or_default();
    let mut reader = quick_xml::Reader::from_str(text);
    let mut events = 0;
    while let Ok(event) = reader.read_event() {
        if matches!(event, Event::Eof) {
            break;
        }
        events += 1;
    }
    events
}

fn bench(c: &mut Criterion) {
    let opts = ImportOptions {
        side: Side::Bank,
        source: SourceId(0),
        ..ImportOptions::default()
    };
    let mut group = c.benchmark_group("statements");
    group
        .sample_size(10)
        .warm_up_time(Duration::from_secs(1))
        .measurement_time(Duration::from_secs(8));
    for (name, bytes, rows) in [
        ("camt053", camt053(50_000), 50_000),
        ("mt940", mt940(100_000), 100_000),
        ("ofx", ofx(100_000), 100_000),
    ] {
        group.throughput(Throughput::Bytes(bytes.len() as u64));
        let imported = import_bytes(name, &bytes, &opts).map(|i| i.txns.len());
        assert_eq!(imported.ok(), Some(rows), "{name} imports every generated entry");
        group.bench_function(format!("{name}_import_{rows}_rows"), |b| {
            b.iter(|| {
                import_bytes(name, black_box(&bytes), &opts)
                    .map(|i| i.txns.len())
                    .unwrap_or(0)
            })
        });
        if name == "camt053" {
            group.bench_function("camt053_raw_xml_events", |b| b.iter(|| raw_xml_pass(black_box(&bytes))));
        }
    }
    group.finish();
}

criterion_group!(benches, bench);
criterion_main!(benches);
