impl ConnectionManagement<'_> {
    /// Get access token.
    #[deprecated(note = "use `companies().get_access_token`")]
    ///
    /// Sends `GET /companies/<company_id>/connectionManagement/accessToken`. Codat's error body comes with 401, 402, 403, 404, 429, 500 and 503.
    pub async fn get_access_token(
        &self,
        company_id: &str,
    ) -> Result<ConnectionManagementAccessToken, Error> {
        use ::codat_client::__private_0_1 as __codat;
        const OPERATION: __codat::Operation = __codat::Operation {
            name: "get_access_token",
            product: ::core::env!("CARGO_PKG_NAME"),
            module: ::core::module_path!(),
            method: __codat::Method::Get,
            template: "/companies/<company_id>/connectionManagement/accessToken",
            path: &[
                __codat::PathPart::Literal("/companies/"),
                __codat::PathPart::Param("company_id"),
                __codat::PathPart::Literal("/connectionManagement/accessToken"),
            ],
            errors: &[401, 402, 403, 404, 429, 500, 503],
            ..__codat::Operation::DEFAULTS
        };
        __codat::inventory::submit!(__codat::Declared(& OPERATION));
        let request = __codat::Request::new(&OPERATION, &[&company_id]);
        __codat::execute(__codat::Resource::codat(self), request)
            .await
            .map_err(::core::convert::Into::into)
    }
}
