impl ConnectionManagement<'_> {
    pub async fn create_bill(
        self,
        company_id: &str,
        connection_id: &str,
        idempotency_key: Option<&str>,
        bill: &BillPrototype,
    ) -> Result<Bill, Error> {
        use ::codat_client::__private_0_1 as __codat;
        const OPERATION: __codat::Operation = __codat::Operation {
            name: "create_bill",
            product: ::core::env!("CARGO_PKG_NAME"),
            module: ::core::module_path!(),
            method: __codat::Method::Post,
            template: "/companies/<company_id>/connections/<connection_id>/payables/bills",
            path: &[
                __codat::PathPart::Literal("/companies/"),
                __codat::PathPart::Param("company_id"),
                __codat::PathPart::Literal("/connections/"),
                __codat::PathPart::Param("connection_id"),
                __codat::PathPart::Literal("/payables/bills"),
            ],
            errors: &[400, 401, 402, 403, 404, 429, 500, 503],
            body: __codat::BodyKind::Json,
            headers: &["Idempotency-Key"],
            ..__codat::Operation::DEFAULTS
        };
        __codat::inventory::submit!(__codat::Declared(& OPERATION));
        let request = __codat::Request::new(&OPERATION, &[&company_id, &connection_id])
            .header("Idempotency-Key", &idempotency_key)
            .json(&bill);
        __codat::execute(__codat::Resource::codat(&self), request)
            .await
            .map_err(::core::convert::Into::into)
    }
}
