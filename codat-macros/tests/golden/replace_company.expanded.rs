impl ConnectionManagement<'_> {
    pub async fn replace(
        &self,
        company_id: &str,
        company: Option<&CompanyRequestBody>,
    ) -> Result<Company, Error> {
        use ::codat_client::__private_0_1 as __codat;
        const OPERATION: __codat::Operation = __codat::Operation {
            name: "replace",
            product: ::core::env!("CARGO_PKG_NAME"),
            module: ::core::module_path!(),
            method: __codat::Method::Put,
            template: "/companies/<company_id>",
            path: &[
                __codat::PathPart::Literal("/companies/"),
                __codat::PathPart::Param("company_id"),
            ],
            errors: &[401, 402, 403, 404, 429, 500, 503],
            body: __codat::BodyKind::Json,
            ..__codat::Operation::DEFAULTS
        };
        __codat::inventory::submit!(__codat::Declared(& OPERATION));
        let request = __codat::Request::new(&OPERATION, &[&company_id]).json(&company);
        __codat::execute(__codat::Resource::codat(self), request)
            .await
            .map_err(::core::convert::Into::into)
    }
}
