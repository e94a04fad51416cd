//! Every Sync for Payroll operation and page stream, from the two tables the shared checks walk
//! (`codat_product_tests`): what each operation sends, every success example the spec
//! documents decoded, Codat's errors, hostile path values, the declarations; every stream's
//! pages, end, first error and concurrency. Then what the tables do not say: a write without
//! options sends no query.

use codat_product_tests::{call, list, list_tests, op_tests, paging, List, Product, PAGING_QUERY};
use codat_product_tests::{page_fixture, push_fixture, push_option_fixture, COMPANY, CONNECTION};
use codat_sync_payroll::models::{
    AccountPrototype, AccountStatus, AccountType, CreateAccountParams, CreateJournalEntryParams,
    CreateJournalParams, DeleteJournalEntryParams, JournalPrototype, JournalStatus,
};
use codat_sync_payroll::SyncForPayroll;
use serde_json::json;

type Op = codat_product_tests::Op<SyncForPayroll>;

static PAYROLL: Product<SyncForPayroll> = Product::new("codat-sync-payroll", SyncForPayroll::new);

fn account_prototype() -> AccountPrototype {
    AccountPrototype {
        nominal_code: Some("7000".into()),
        name: Some("Gross wages".into()),
        description: Some("Wages before deductions".into()),
        fully_qualified_category: Some("Expense.Payroll".into()),
        fully_qualified_name: Some("Expense.Payroll.Gross wages".into()),
        currency: Some("GBP".into()),
        r#type: Some(AccountType::Expense),
        status: Some(AccountStatus::Active),
        is_bank_account: Some(false),
        ..AccountPrototype::default()
    }
}

fn journal_prototype() -> JournalPrototype {
    JournalPrototype {
        journal_code: Some("PAY".into()),
        name: Some("Payroll".into()),
        r#type: Some("General".into()),
        parent_id: None,
        has_children: Some(false),
        created_on: Some("2024-05-01T00:00:00".into()),
        status: Some(JournalStatus::Active),
    }
}

fn ops() -> Vec<Op> {
    let record = |id: &str| json!({"id": id, "name": "Wages", "status": "Active"});
    vec![
        Op::get(
            "/companies/{companyId}/data/accounts",
            call!(|p, a| p.accounts().list(&a[0], paging())),
        )
        .query(PAGING_QUERY)
        .fixture(page_fixture(json!([record("acc-1")]))),
        Op::get(
            "/companies/{companyId}/data/accounts/{accountId}",
            call!(|p, a| p.accounts().get(&a[0], &a[1])),
        )
        .fixture(record("acc-1")),
        Op::get(
            "/companies/{companyId}/connections/{connectionId}/options/chartOfAccounts",
            call!(|p, a| p.accounts().get_create_model(&a[0], &a[1])),
        )
        .fixture(push_option_fixture()),
        Op::post(
            "/companies/{companyId}/connections/{connectionId}/push/accounts",
            call!(|p, a| async {
                let params = CreateAccountParams::new()
                    .timeout_in_minutes(30)
                    .allow_sync_on_push_complete(false);
                p.accounts().create(&a[0], &a[1], params, &account_prototype()).await
            }),
        )
        .query("timeoutInMinutes=30&allowSyncOnPushComplete=false")
        .sends(json!({
            "nominalCode": "7000", "name": "Gross wages", "description": "Wages before deductions",
            "fullyQualifiedCategory": "Expense.Payroll",
            "fullyQualifiedName": "Expense.Payroll.Gross wages", "currency": "GBP",
            "type": "Expense", "status": "Active", "isBankAccount": false
        }))
        .fixture(push_fixture(record("acc-9"))),
        Op::get(
            "/companies/{companyId}/data/journalEntries",
            call!(|p, a| p.journal_entries().list(&a[0], paging())),
        )
        .query(PAGING_QUERY)
        .fixture(page_fixture(json!([{"id": "je-1", "journalLines": []}]))),
        Op::get(
            "/companies/{companyId}/data/journalEntries/{journalEntryId}",
            call!(|p, a| p.journal_entries().get(&a[0], &a[1])),
        )
        .fixture(json!({"id": "je-1", "description": "May payroll", "journalLines": []})),
        Op::delete(
            "/companies/{companyId}/connections/{connectionId}/push/journalEntries/{journalEntryId}",
            call!(|p, a| {
                let params = DeleteJournalEntryParams::new()
                    .timeout_in_minutes(5)
                    .allow_sync_on_push_complete(true);
                p.journal_entries().delete(&a[0], &a[1], &a[2], params)
            }),
        )
        .query("timeoutInMinutes=5&allowSyncOnPushComplete=true")
        .fixture(push_fixture(json!(null))),
        Op::get(
            "/companies/{companyId}/connections/{connectionId}/options/journalEntries",
            call!(|p, a| p.journal_entries().get_create_model(&a[0], &a[1])),
        )
        .fixture(push_option_fixture()),
        Op::post(
            "/companies/{companyId}/connections/{connectionId}/push/journalEntries",
            call!(|p, a| async {
                let params = CreateJournalEntryParams::new().timeout_in_minutes(30);
                p.journal_entries().create(&a[0], &a[1], params, &a.body()).await
            }),
        )
        .query("timeoutInMinutes=30")
        .sends_examples(json!({
            "description": "May payroll", "postedOn": "2024-05-31T00:00:00",
            "journalLines": [
                {"description": "Gross wages", "netAmount": 1500.5, "currency": "GBP",
                 "accountRef": {"id": "7000"}},
                {"description": "Net pay", "netAmount": -1500.5, "currency": "GBP",
                 "accountRef": {"id": "2210"}}
            ]
        }))
        .fixture(push_fixture(json!({"id": "je-9"}))),
        Op::get(
            "/companies/{companyId}/data/journals",
            call!(|p, a| p.journals().list(&a[0], paging())),
        )
        .query(PAGING_QUERY)
        .fixture(page_fixture(json!([record("j-1")]))),
        Op::get(
            "/companies/{companyId}/data/journals/{journalId}",
            call!(|p, a| p.journals().get(&a[0], &a[1])),
        )
        .fixture(record("j-1")),
        Op::get(
            "/companies/{companyId}/connections/{connectionId}/options/journals",
            call!(|p, a| p.journals().get_create_model(&a[0], &a[1])),
        )
        .fixture(push_option_fixture()),
        Op::post(
            "/companies/{companyId}/connections/{connectionId}/push/journals",
            call!(|p, a| async {
                let params = CreateJournalParams::new().allow_sync_on_push_complete(false);
                p.journals().create(&a[0], &a[1], params, &journal_prototype()).await
            }),
        )
        .query("allowSyncOnPushComplete=false")
        .sends(json!({
            "journalCode": "PAY", "name": "Payroll", "type": "General", "hasChildren": false,
            "createdOn": "2024-05-01T00:00:00", "status": "Active"
        }))
        .fixture(push_fixture(json!({"id": "j-9", "journalCode": "PAY"}))),
        Op::get(
            "/companies/{companyId}/data/trackingCategories",
            call!(|p, a| p.tracking_categories().list(&a[0], paging())),
        )
        .query(PAGING_QUERY)
        .fixture(page_fixture(json!([{"id": "tc-1", "hasChildren": false}]))),
        Op::get(
            "/companies/{companyId}/data/trackingCategories/{trackingCategoryId}",
            call!(|p, a| p.tracking_categories().get(&a[0], &a[1])),
        )
        .fixture(json!({"id": "tc-1", "name": "Sales", "subCategories": [{"id": "tc-2"}]})),
        Op::get(
            "/companies/{companyId}/data/info",
            call!(|p, a| p.company_info().get_accounting_profile(&a[0])),
        )
        .fixture(json!({"companyName": "Acme Payroll Ltd", "baseCurrency": "GBP"})),
    ]
}

op_tests!(PAYROLL, ops(), 16);

fn lists() -> Vec<List<SyncForPayroll>> {
    vec![
        List::new(
            "/companies/{companyId}/data/accounts",
            list!(|p, o| p.accounts().list_all(COMPANY, o.options()), |a| a.id),
        ),
        List::new(
            "/companies/{companyId}/data/journalEntries",
            list!(
                |p, o| p.journal_entries().list_all(COMPANY, o.options()),
                |e| e.id
            ),
        ),
        List::new(
            "/companies/{companyId}/data/journals",
            list!(|p, o| p.journals().list_all(COMPANY, o.options()), |j| j.id),
        ),
        List::new(
            "/companies/{companyId}/data/trackingCategories",
            list!(
                |p, o| p.tracking_categories().list_all(COMPANY, o.options()),
                |c| c.id
            ),
        ),
    ]
}

list_tests!(PAYROLL, lists());

#[tokio::test]
async fn a_write_without_options_sends_no_query_and_only_what_is_set() {
    let path = "/companies/{companyId}/connections/{connectionId}/push/accounts";
    let (payroll, server) = PAYROLL
        .served("POST", path, 200, &push_fixture(json!(null)))
        .await;
    let (none, empty) = (CreateAccountParams::new(), AccountPrototype::default());
    let created = payroll
        .accounts()
        .create(COMPANY, CONNECTION, none, &empty)
        .await;
    created.unwrap();
    let request = PAYROLL.only_request(&server).await;
    assert_eq!(request.url.query(), None);
    assert_eq!(codat_product_tests::json_body(&request), json!({}));
}
