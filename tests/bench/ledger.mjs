// The generated ledger the browser benchmarks paste.

/** Same shape as core/benches/parse_age.rs: Chinese headers, mixed forms, some paid rows. */
export function ledger(rows) {
  const lines = ["发票号码\t客户名称\t开票日期\t到期日\t发票金额\t已收金额\t币种\t备注"];
  for (let i = 0; i < rows; i++) {
    const month = (i % 12) + 1;
    const day = (i % 28) + 1;
    const paid = i % 7 === 0 ? "1,000.00" : "0";
    const currency = i % 5 === 0 ? "USD" : "CNY";
    lines.push(
      `FP${String(i).padStart(8, "0")}\t客户${String(i % 2000).padStart(4, "0")} Trading Co., Ltd.\t2025-${String(month).padStart(2, "0")}-${String(day).padStart(2, "0")}\t2025/${(month % 12) + 1}/${day}\t${1 + (i % 97)},${String(i % 1000).padStart(3, "0")}.${String(i % 100).padStart(2, "0")}\t${paid}\t${currency}\t第${i % 50}批订单`,
    );
  }
  return lines.join("\n") + "\n";
}
