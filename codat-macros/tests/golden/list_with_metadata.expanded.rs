impl ConnectionManagement<'_> {
    pub async fn list_with_metadata(
        self,
        paging: PageParams,
        tags: Option<&str>,
    ) -> Result<Response<Companies>, Error> {
        use ::codat_client::__private_0_1 as __codat;
        const OPERATION: __codat::Operation = __codat::Operation {
            name: "list_with_metadata",
            product: ::core::env!("CARGO_PKG_NAME"),
            module: ::core::module_path!(),
            method: __codat::Method::Get,
            template: "/companies",
            path: &[__codat::PathPart::Literal("/companies")],
            errors: &[400, 401],
            query: &["tags"],
            query_groups: &[<PageParams as __codat::ParamGroup>::QUERY],
            header_groups: &[<PageParams as __codat::ParamGroup>::HEADERS],
            ..__codat::Operation::DEFAULTS
        };
        __codat::inventory::submit!(__codat::Declared(& OPERATION));
        let request = __codat::Request::new(&OPERATION, &[])
            .params(&paging)
            .query("tags", &tags);
        __codat::execute_response(__codat::Resource::codat(&self), request)
            .await
            .map_err(::core::convert::Into::into)
    }
}
