impl ConnectionManagement<'_> {
    pub async fn upload_attachment(
        self,
        bill_id: &str,
        file: Upload,
    ) -> Result<Attachment, Error> {
        use ::codat_client::__private_0_1 as __codat;
        const OPERATION: __codat::Operation = __codat::Operation {
            name: "upload_attachment",
            product: ::core::env!("CARGO_PKG_NAME"),
            module: ::core::module_path!(),
            method: __codat::Method::Post,
            template: "/bills/<bill_id>/attachments",
            path: &[
                __codat::PathPart::Literal("/bills/"),
                __codat::PathPart::Param("bill_id"),
                __codat::PathPart::Literal("/attachments"),
            ],
            errors: &[400, 401, 404],
            body: __codat::BodyKind::Multipart,
            ..__codat::Operation::DEFAULTS
        };
        __codat::inventory::submit!(__codat::Declared(& OPERATION));
        let request = __codat::Request::new(&OPERATION, &[&bill_id])
            .multipart("file", file);
        __codat::execute(__codat::Resource::codat(&self), request)
            .await
            .map_err(::core::convert::Into::into)
    }
}
