//! Links written by earlier versions of the page must keep opening. These are literal
//! fragments as the page wrote them: never regenerate them when the format changes; add a
//! new fixture for the new format instead, and keep these passing (through migration).

use overdue_core::i18n::Lang;
use overdue_core::playbook::{Annotation, InvoiceKey};
use overdue_core::share::{decode, Fragment};
use overdue_core::workspace::{Settings, Workspace, CURRENT_VERSION};

/// Format v1, workspace version 1, settings and data: a Chinese paste, a template, the
/// sender's company and one annotation. Written by the first share-link release.
const V1_DATA: &str = "v1.p.eNqFVVFvG0UQ_ivVPjvROY4DySsSj4hXhKvT-G5sL97bu-7uJTWWpQqBCOEhjVBFqVIqVVTwEKAPoEQF9c8QX5on_kJndu_sa1qpkiXfzuzOzsz3fbNzsY_GylyLvW5HSF2UTuzNhcO79C-WxydXz35bHp8P3PKPp9Uh_x8-r06fVD8-G7jrb0-unz4e6I8_3Yii7sBdXhxVf59XT-7T79VfF9XDH6rT765_ur_85mx5fDFwW9FWfyP6cKNHe7tbve3-5k400KIjbF6aBMWeLpXqiAyKQupxs0xhFme5dpM4NymalRkTmYGKMzDTYFtQIHSOjlouAWycj9a7R1AqFyelMaiTGdX20Sef0dUOTWZjuoPObPc7YlgmU3QxpmMky-fdfqcXdXaizm50uyMUcFriywkdTCZg_J65MKWi5IXONZJjJO9iGo-QTRGtC6TatGtZDLj2Z1xqyc2eIRgyjQ0kWGcU0T1QxJDlpXZNLWypg7Z7NAQr6Yjo7fQ5PR1nVLAslOSeie5mL1hVwUufZDC88yyMDVIVIdP62jesN5ImZ0IYUeqOAq4PcfAkJC9gRM3eSEtukiFb6kEWqNPQJQLHujzjdOcLArNQMBvm-ZRbTDGMQzuLFUJaN6dHvTaSjqsZZeOkqu2EmRjlhsnRNhOOojBIEcY3PASvQJuACnWtHbt8BGYZw5fSxUrqBpkPGAelYl_U2mZwX-JBjCSqWZPONm01mEoXS21L-hJ7I1AWWW68NrHOnVxhztk0jgMwuhUmlZb0iTEk0_ggN1NqYONdOymDlCiON3ZQt-6UoKSbrXdMqKuc9xZRW2bSgfODYC6-KI20qUzCmtqWEEQMtW2AbWW2GxFYSa4U-v2EtyW2e4IRkG-7VtwNCpB2GlsSE7YcffakNmeTzNMWHFQlDBWREHxE1uhtukOR8NF4NVpihOcQXZwVoFnr1ePfl-c_X_3y4vLl91e_nlRH99qTie6CNDVoWQJMZmIyhQ-LYsKy9p-YgVThcwh6GmvIsLWEpGE6jzQ51uAIRF5yE2pu29ATh1nBdPMZpxRYp5s0VmjiPj-qHpxdPfp6Pr_VnLm1WPz_76NXf55f_vOwOnv5372vOOLbhHwT8JpjVIzFOyXj7S_zJF8NL2dK2lNnTnxQaWNroQbjMDLriEFAUJODdy9Cz7z6EwWlrdtSUzJgEfxN-IIm_gQsNkM9WP2CJ8lIkn7XF3C1SnpRkVawlTcWDpjKBhM6vE6exnziiCZS7-cyWZ2ohdgOUoBxkgqqhb6qiDToQHnt17jywJHGeh03rkacPLBAU1yoaTkX73kOS3ozR-Hp9CRoehX0VZg8k9a_Qf7hcVwiWG5IPVk9LdkZihHV6eHyxYNAEbFYLF4DOcX1Pw";

/// Format v1 around a sparse workspace, as a page with fewer settings wrote it
/// (`{"version":1,"settings":{"terms_days":60,"lang":"en","letters":{"sender":
/// {"company":"Old Co"}}},"input":{"text":"a\tb"}}`): whatever it lacks takes its default.
const V1_SPARSE: &str = "v1.p.eNoljEEKhTAQQ6_yybqL_zd_0a0H8AKCVDtIQafSGUWR3t0RV0nISy7sVCRlhv85CKkmngT-glJZpI_htPT_OsyBJ3gQw7xxNnswIY5UHjfmZQ18GtPO8dNk1FodEq-bvn-HKUKngzU3lksodQ";

fn open(fragment: &str) -> Workspace {
    match decode(fragment) {
        Ok(Fragment::Plain(ws)) => ws,
        other => panic!("the fixture no longer opens: {other:?}"),
    }
}

#[test]
fn v1_data_link_still_opens() {
    let ws = open(V1_DATA);
    assert_eq!(ws.version, CURRENT_VERSION);
    assert_eq!(
        ws.input.text,
        "发票号\t客户\t到期日\t金额\nFP-001\t上海某某贸易有限公司\t2025-08-31\t12345.60\n"
    );
    assert_eq!(ws.settings.lang, Some(Lang::Zh));
    assert_eq!(ws.settings.terms_days, 45);
    assert_eq!(ws.settings.letters.sender.company, "杭州示例科技有限公司");
    assert_eq!(
        ws.settings
            .letters
            .templates
            .get("demand.zh")
            .map(String::as_str),
        Some("尊敬的{{ customer }}：请付款。")
    );
    assert_eq!(
        ws.annotations
            .get(&InvoiceKey::new("上海某某贸易有限公司", "FP-001"))
            .map(|a: &Annotation| a.note.as_str()),
        Some("月底付款")
    );
    assert_eq!(ws.annotations.len(), 1);
}

#[test]
fn v1_sparse_link_opens_with_defaults() {
    let ws = open(&format!("#{V1_SPARSE}"));
    assert_eq!(ws.version, CURRENT_VERSION);
    assert_eq!(ws.input.text, "a\tb");
    assert_eq!(ws.settings.terms_days, 60);
    assert_eq!(ws.settings.lang, Some(Lang::En));
    assert_eq!(ws.settings.letters.sender.company, "Old Co");
    let mut expected = Settings {
        terms_days: 60,
        lang: Some(Lang::En),
        ..Settings::default()
    };
    expected.letters.sender.company = "Old Co".into();
    assert_eq!(ws.settings, expected);
    assert!(ws.annotations.is_empty());
}
