impl ConnectionManagement<'_> {
    pub async fn create_batch(
        self,
        accounts: &[AccountPrototype],
    ) -> Result<MultiStatus<Vec<Account>, Vec<AccountResult>>, Error> {
        use ::codat_client::__private_0_1 as __codat;
        const OPERATION: __codat::Operation = __codat::Operation {
            name: "create_batch",
            product: ::core::env!("CARGO_PKG_NAME"),
            module: ::core::module_path!(),
            method: __codat::Method::Post,
            template: "/accounts/batch",
            path: &[__codat::PathPart::Literal("/accounts/batch")],
            errors: &[400, 401],
            body: __codat::BodyKind::Json,
            ..__codat::Operation::DEFAULTS
        };
        __codat::inventory::submit!(__codat::Declared(& OPERATION));
        let request = __codat::Request::new(&OPERATION, &[]).json(&accounts);
        __codat::execute_multi_status(__codat::Resource::codat(&self), request)
            .await
            .map_err(::core::convert::Into::into)
    }
}
